// Exports of an observation query as CSV (UTF-8 with BOM, so Excel reads Chinese), XLSX or JSON.
import { ExportQuerySchema } from "@ronghe/api-contract";
import ExcelJS from "exceljs";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ctxOf } from "../../context.ts";
import type { DataServices, ObservationView } from "../../data-port.ts";

const COLUMNS: Array<keyof ObservationView> = [
  "regionCode",
  "regionName",
  "indicator",
  "period",
  "value",
  "unit",
  "status",
  "revision",
  "source",
];

export const exportRoutes: FastifyPluginAsyncZod<{ data: DataServices }> = async (app, { data }) => {
  app.get(
    "/api/exports",
    {
      schema: { tags: ["exports"], summary: "导出数据 Export observations", querystring: ExportQuerySchema },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const items = await data.queryObservations(ctxOf(request), query);
      const base = `ronghe-${query.region}`;
      if (format === "json") {
        reply.header("content-disposition", `attachment; filename="${base}.json"`);
        return { items };
      }
      if (format === "xlsx") {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet("observations");
        ws.addRow(COLUMNS);
        for (const o of items) ws.addRow(COLUMNS.map((c) => o[c]));
        const buffer = Buffer.from(await wb.xlsx.writeBuffer());
        reply.header("content-disposition", `attachment; filename="${base}.xlsx"`);
        return reply.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").send(buffer);
      }
      const lines = [COLUMNS.join(",")];
      for (const o of items) lines.push(COLUMNS.map((c) => csvCell(o[c])).join(","));
      reply.header("content-disposition", `attachment; filename="${base}.csv"`);
      return reply.type("text/csv; charset=utf-8").send(`\uFEFF${lines.join("\r\n")}\r\n`);
    },
  );
};

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // Cells starting with = + - @ are formulas to spreadsheet programs; quote them with a leading apostrophe.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
