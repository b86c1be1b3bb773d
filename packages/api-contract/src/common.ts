import { z } from "zod";

/** A region code in any accepted form (2, 4, 6, 9 or 12 digits); the server normalises it. */
export const RegionCodeSchema = z
  .string()
  .regex(/^\d{2}(\d{2}){0,2}(\d{3}){0,2}$/, "region code: 2-12 digits");

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const ROLE_VALUES = ["admin", "analyst", "data-entry", "approver", "viewer"] as const;
export const RoleSchema = z.enum(ROLE_VALUES);

export const GrantSchema = z.object({ role: RoleSchema, regionCode: z.string() });
export type GrantDto = z.infer<typeof GrantSchema>;

export const YearSchema = z.coerce.number().int().min(1900).max(2200);

/** Comma-separated list in a query string ("A,B,C"). */
export const CsvListSchema = z
  .string()
  .max(4000)
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter((x) => x.length > 0),
  );
