// The approval workflow: submit (data entry), approve and un-approve (from above), the approver's inbox.
import { ApprovalBodySchema, InboxSchema, TransitionResultSchema } from "@ronghe/api-contract";
import { approvalInbox, approveData, submitData, unapproveData } from "@ronghe/services";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ctxOf } from "../../context.ts";

const ACTIONS = { submit: submitData, approve: approveData, unapprove: unapproveData } as const;
const TITLES = {
  submit: "上报 Submit",
  approve: "审核通过 Approve",
  unapprove: "撤销审核 Un-approve",
} as const;

export const approvalRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const [name, action] of Object.entries(ACTIONS) as Array<
    [keyof typeof ACTIONS, (typeof ACTIONS)[keyof typeof ACTIONS]]
  >) {
    app.post(
      `/api/approvals/${name}`,
      {
        schema: {
          tags: ["approvals"],
          summary: TITLES[name],
          body: ApprovalBodySchema,
          response: { 200: TransitionResultSchema },
        },
      },
      async (request) => {
        const { reason, ...target } = request.body;
        return action(ctxOf(request), target, reason ?? null);
      },
    );
  }

  app.get(
    "/api/approvals/inbox",
    { schema: { tags: ["approvals"], summary: "待审核 Approval inbox", response: { 200: InboxSchema } } },
    async (request) => ({ items: await approvalInbox(ctxOf(request)) }),
  );
};
