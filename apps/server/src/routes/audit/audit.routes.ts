// Audit search, for admins of a subtree.
import { AuditListSchema, AuditQuerySchema } from "@ronghe/api-contract";
import { searchAudit } from "@ronghe/services";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ctxOf } from "../../context.ts";

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "审计日志 Audit log",
        querystring: AuditQuerySchema,
        response: { 200: AuditListSchema },
      },
    },
    async (request) => ({ items: await searchAudit(ctxOf(request), request.query) }),
  );
};
