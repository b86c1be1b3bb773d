import { z } from "zod";
import { RegionCodeSchema } from "./common.ts";
import { LIMITS } from "./limits.ts";

export const ApprovalBodySchema = z.object({
  regionCode: RegionCodeSchema,
  period: z.number().int().min(1900).max(2200),
  indicators: z.array(z.string().min(1).max(LIMITS.shortText)).max(1000).optional(),
  reason: z.string().max(LIMITS.longText).optional(),
});
export type ApprovalBody = z.infer<typeof ApprovalBodySchema>;

export const TransitionResultSchema = z.object({
  regionCode: z.string(),
  period: z.number().int(),
  indicators: z.array(z.string()),
  status: z.string(),
  changed: z.number().int(),
  unchanged: z.number().int(),
});

export const InboxSchema = z.object({
  items: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      period: z.number().int(),
      indicators: z.array(z.string()),
      count: z.number().int(),
      submittedBy: z.string(),
      submittedAt: z.string(),
    }),
  ),
});
