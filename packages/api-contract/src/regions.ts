import { z } from "zod";
import { RegionCodeSchema } from "./common.ts";
import { LIMITS } from "./limits.ts";

export const REGION_LEVEL_VALUES = ["province", "prefecture", "county", "township", "village"] as const;
export const RegionLevelSchema = z.enum(REGION_LEVEL_VALUES);

export const RegionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: RegionLevelSchema,
  kind: z.string().nullable(),
  parentCode: z.string().nullable(),
  urClass: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  hasGeometry: z.boolean(),
});
export type RegionDto = z.infer<typeof RegionSchema>;

export const RegionParamsSchema = z.object({ code: RegionCodeSchema });

export const ChildrenQuerySchema = z.object({
  level: RegionLevelSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50_000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const RegionListSchema = z.object({ items: z.array(RegionSchema), total: z.number().int() });
export const RegionItemsSchema = z.object({ items: z.array(RegionSchema) });

export const RegionSearchQuerySchema = z.object({
  q: z.string().min(1).max(LIMITS.shortText),
  within: RegionCodeSchema.optional(),
  level: RegionLevelSchema.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageMax).optional(),
});

export const FeaturesQuerySchema = z.object({ level: RegionLevelSchema.optional() });
