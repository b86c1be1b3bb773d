import { z } from "zod";
import { CsvListSchema, RegionCodeSchema, YearSchema } from "./common.ts";
import { LIMITS } from "./limits.ts";
import { RegionLevelSchema } from "./regions.ts";

export const IndicatorSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  unit: z.string(),
  direction: z.string(),
  dimension: z.string().nullable(),
  role: z.string(),
  levels: z.array(z.string()),
  aggregation: z.string(),
  formula: z.string().nullable(),
});
export const IndicatorListSchema = z.object({ items: z.array(IndicatorSchema) });

export const ObservationQuerySchema = z.object({
  region: RegionCodeSchema,
  level: RegionLevelSchema.optional(),
  indicators: CsvListSchema.optional(),
  from: YearSchema.optional(),
  to: YearSchema.optional(),
});

export const ObservationSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  indicator: z.string(),
  period: z.number().int(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  status: z.string().nullable(),
  revision: z.number().int().nullable(),
  derived: z.boolean(),
  rolledUp: z.boolean(),
  source: z.string().nullable(),
});
export const ObservationListSchema = z.object({ items: z.array(ObservationSchema) });
/** The same answer as columns (observation-columns.ts): one array per field, `count` values each. */
export const ObservationColumnsSchema = z.object({
  count: z.number().int(),
  regionCode: z.array(z.string()),
  regionName: z.array(z.string()),
  indicator: z.array(z.string()),
  period: z.array(z.number().int()),
  value: z.array(z.number().nullable()),
  unit: z.array(z.string().nullable()),
  status: z.array(z.string().nullable()),
  revision: z.array(z.number().int().nullable()),
  derived: z.array(z.boolean()),
  rolledUp: z.array(z.boolean()),
  source: z.array(z.string().nullable()),
});

export const ObservationWriteItemSchema = z.object({
  regionCode: RegionCodeSchema,
  indicator: z.string().min(1).max(LIMITS.shortText),
  period: z.number().int().min(1900).max(2200),
  value: z.number().finite(),
  unit: z.string().max(LIMITS.shortText).optional(),
  source: z.string().max(LIMITS.longText).optional(),
  note: z.string().max(LIMITS.longText).optional(),
});
export const ObservationWriteBodySchema = z.object({
  items: z.array(ObservationWriteItemSchema).min(1).max(LIMITS.observationsPerWrite),
  reason: z.string().min(1).max(LIMITS.longText),
});
export type ObservationWriteBody = z.infer<typeof ObservationWriteBodySchema>;
export const WriteCountsSchema = z.object({
  inserted: z.number().int(),
  revised: z.number().int(),
  unchanged: z.number().int(),
});

export const HistoryQuerySchema = z.object({
  region: RegionCodeSchema,
  indicator: z.string().min(1).max(LIMITS.shortText),
  period: YearSchema,
});
export const RevisionSchema = z.object({
  revision: z.number().int(),
  change: z.string(),
  value: z.number(),
  unit: z.string().nullable(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  status: z.string(),
  author: z.string(),
  createdAt: z.string(),
  reason: z.string().nullable(),
  sourceFile: z.string().nullable(),
  sourceRow: z.number().int().nullable(),
});
export const HistoryListSchema = z.object({ items: z.array(RevisionSchema) });

export const ExportQuerySchema = ObservationQuerySchema.extend({
  format: z.enum(["csv", "xlsx", "json"]).default("csv"),
});
