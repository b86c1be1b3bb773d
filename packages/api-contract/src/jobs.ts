import { z } from "zod";
import { LIMITS } from "./limits.ts";

/** Status as the API shows it: the store's "succeeded" is "done". */
export const JOB_STATUS_VALUES = ["queued", "running", "done", "failed", "cancelled"] as const;

export const JobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(JOB_STATUS_VALUES),
  progress: z.number(),
  total: z.number().nullable(),
  message: z.string().nullable(),
  result: z.unknown().optional(),
  error: z.unknown().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JobDto = z.infer<typeof JobSchema>;
export const JobParamsSchema = z.object({ id: z.string().min(1).max(100) });
export const JobAcceptedSchema = z.object({ jobId: z.string() });

export const EvaluationBodySchema = z.object({
  scheme: z.record(z.string(), z.unknown()).optional(),
  schemeName: z.string().max(LIMITS.shortText).optional(),
  uncertainty: z.number().int().min(0).max(10_000).optional(),
});
