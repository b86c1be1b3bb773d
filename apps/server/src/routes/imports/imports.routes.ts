// Imports of CSV/XLSX observation tables (multipart). The file is read into memory (size-capped: 413 above
// LIMITS.uploadBytes) and handed to the data core; nothing is written to disk. Row errors come back as 422
// import_rejected with details.errors. Large non-dry-run files go to a background job (202 {jobId}).
import { LIMITS } from "@ronghe/api-contract";
import { RongheError } from "@ronghe/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ctxOf } from "../../context.ts";
import type { DataServices, ImportInput } from "../../data-port.ts";
import { safeFileName } from "./safe-file-name.ts";

/** files above this size are imported in a background job */
const BACKGROUND_BYTES = 2 * 1024 * 1024;

export const importRoutes: FastifyPluginAsyncZod<{ data: DataServices }> = async (app, { data }) => {
  app.post(
    "/api/imports",
    {
      schema: {
        tags: ["imports"],
        summary: "导入数据 Import a CSV/XLSX file (multipart: file, format, dryRun, source)",
        consumes: ["multipart/form-data"],
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      if (!request.isMultipart())
        throw new RongheError("invalid_input", "send multipart/form-data with a file", {});
      let file: { bytes: Uint8Array; fileName: string } | null = null;
      const fields: Record<string, string> = {};
      for await (const part of request.parts({
        limits: { fileSize: LIMITS.uploadBytes, files: 1, fields: 10 },
      })) {
        if (part.type === "file") {
          const bytes = await part.toBuffer(); // throws 413 (FST_REQ_FILE_TOO_LARGE) above the limit
          file = { bytes: new Uint8Array(bytes), fileName: safeFileName(part.filename) };
        } else if (typeof part.value === "string")
          fields[part.fieldname] = part.value.slice(0, LIMITS.longText);
      }
      if (file === null) throw new RongheError("invalid_input", "no file in the upload", { field: "file" });
      const format = fields.format === "wide" ? "wide" : "long";
      if (fields.format !== undefined && fields.format !== "long" && fields.format !== "wide") {
        throw new RongheError("invalid_input", "format must be long or wide", { field: "format" });
      }
      const input: ImportInput = {
        bytes: file.bytes,
        fileName: file.fileName,
        format,
        dryRun: fields.dryRun === "true" || fields.dryRun === "1",
        source: fields.source ?? null,
      };
      if (!input.dryRun && input.bytes.length > BACKGROUND_BYTES) {
        const job = await app.jobs.submit("import", ctx.actor, async () =>
          data.importObservations(ctx, input),
        );
        return reply.code(202).send({ jobId: job.id });
      }
      return { fileName: input.fileName, ...(await asObject(data.importObservations(ctx, input))) };
    },
  );
};

async function asObject(value: Promise<unknown>): Promise<Record<string, unknown>> {
  const v = await value;
  return v !== null && typeof v === "object" && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : { result: v };
}
