// Evaluation schemes (评价方案): which regions, years and indicators, how they are normalised, weighted and
// aggregated into an urban and a rural subsystem index, and which analyses are added. A scheme file is YAML or
// JSON; `parseScheme` validates it (every error names the field) and returns the canonical form with every
// default filled in, which is what the run hash covers. docs/evaluation.md documents every field.
import { isRegionLevel, parseRegionCode, REGION_LEVELS, type RegionLevel, RongheError } from "@ronghe/core";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

export const SUBSYSTEMS = ["urban", "rural"] as const;
export type Subsystem = (typeof SUBSYSTEMS)[number];

export const SCHEME_WEIGHTINGS = ["entropy", "critic", "equal", "given"] as const;
export type SchemeWeighting = (typeof SCHEME_WEIGHTINGS)[number];

export const SPATIAL_WEIGHT_TYPES = ["queen", "rook", "knn", "distance"] as const;
export type SpatialWeightType = (typeof SPATIAL_WEIGHT_TYPES)[number];

export interface SchemeIndicator {
  /** catalogue / store indicator code, e.g. "ECO-01" */
  code: string;
  /** null = the direction stored with the indicator definition */
  direction: "+" | "-" | null;
  subsystem: Subsystem;
  /** only with weighting "given"; re-normalised to 1 inside the subsystem */
  weight: number | null;
}

export interface SpatialWeightsSpec {
  type: SpatialWeightType;
  /** knn only */
  k: number;
  /** distance only, great-circle km */
  band_km: number;
  /** queen / rook: null = the builder's documented default */
  snap_tolerance_deg: number | null;
  style: "W" | "B";
}

/** A validated scheme with every default filled in (the canonical form). */
export interface EvaluationScheme {
  name: string;
  title: string | null;
  notes: string | null;
  /** canonical region code of the area evaluated (its subtree at `level` are the units) */
  region: string;
  level: RegionLevel;
  years: { from: number; to: number };
  indicators: SchemeIndicator[];
  weighting: SchemeWeighting;
  normalisation: {
    method: "minmax";
    /** pooled: min, max and weights over all region-years (indices compare across years); per_year: each year alone */
    scope: "pooled" | "per_year";
  };
  aggregation: {
    weights_scope: "within_group" | "global";
    /** within_group: weight of each subsystem in the index (re-normalised to 1) */
    group_weights: Record<Subsystem, number>;
  };
  /** a region-year lacking any index indicator: "drop" it (and list it) or "error" */
  missing: "drop" | "error";
  analyses: {
    coupling: { formula: "standard" | "wang2021"; subsystem_weights: Record<Subsystem, number> } | null;
    obstacles: { top_n: number } | null;
    theil: {
      urban_income: string;
      rural_income: string;
      urban_population: string | null;
      rural_population: string | null;
      /** in % (0–100): population shares P_u = rate, P_r = 100 − rate, used when populations are not given */
      urbanisation_rate: string | null;
    } | null;
    spatial_weights: SpatialWeightsSpec | null;
    moran: { permutations: number; seed: number; alternative: "greater" | "less" | "two.sided" } | null;
    lisa: { significance: number; variance: "conditional" | "total" } | null;
    allow_islands: boolean;
  };
}

const code = z.string().trim().min(1, "must be a non-empty indicator code");
const positive = z.number().finite().positive();
const subsystemWeights = z
  .strictObject({ urban: z.number().finite().nonnegative(), rural: z.number().finite().nonnegative() })
  .refine((w) => w.urban + w.rural > 0, "the two weights must not both be 0");

const indicatorSchema = z.strictObject({
  code,
  direction: z.enum(["+", "-"]).optional(),
  subsystem: z.enum(SUBSYSTEMS),
  weight: z.number().finite().nonnegative().optional(),
});

const yearsSchema = z.union([
  z.strictObject({ from: z.number().int(), to: z.number().int() }),
  z.tuple([z.number().int(), z.number().int()]),
  z.string().regex(/^\d{4}\s*[-–]\s*\d{4}$/, 'must look like "2010-2020"'),
]);

const spatialWeightsSchema = z.strictObject({
  type: z.enum(SPATIAL_WEIGHT_TYPES).default("queen"),
  k: z.number().int().min(1).default(6),
  band_km: positive.default(30),
  snap_tolerance_deg: z.number().finite().nonnegative().optional(),
  style: z.enum(["W", "B"]).default("W"),
});

const enabled = <T extends z.ZodType>(inner: T) => z.union([z.boolean(), inner]).optional();

const schemeSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .regex(/^[\p{L}\p{N}._-]+$/u, "letters, digits, '.', '_' or '-' only"),
  title: z.string().optional(),
  notes: z.string().optional(),
  region: z.union([z.string(), z.number()]),
  level: z.string(),
  years: yearsSchema,
  indicators: z.array(indicatorSchema).min(2, "at least 2 indicators"),
  weighting: z.enum(SCHEME_WEIGHTINGS).default("entropy"),
  normalisation: z
    .strictObject({
      method: z.literal("minmax").default("minmax"),
      scope: z.enum(["pooled", "per_year"]).default("pooled"),
    })
    .optional(),
  aggregation: z
    .strictObject({
      weights_scope: z.enum(["within_group", "global"]).default("within_group"),
      group_weights: subsystemWeights.optional(),
    })
    .optional(),
  missing: z.enum(["drop", "error"]).default("drop"),
  analyses: z
    .strictObject({
      coupling: enabled(
        z.strictObject({
          formula: z.enum(["standard", "wang2021"]).default("standard"),
          subsystem_weights: subsystemWeights.optional(),
        }),
      ),
      obstacles: enabled(z.strictObject({ top_n: z.number().int().min(1).default(3) })),
      theil: z
        .strictObject({
          urban_income: code,
          rural_income: code,
          urban_population: code.optional(),
          rural_population: code.optional(),
          urbanisation_rate: code.optional(),
        })
        .optional(),
      spatial_weights: spatialWeightsSchema.optional(),
      moran: enabled(
        z.strictObject({
          permutations: z.number().int().min(0).default(999),
          seed: z.number().int().default(12345),
          alternative: z.enum(["greater", "less", "two.sided"]).default("greater"),
        }),
      ),
      lisa: enabled(
        z.strictObject({
          significance: z.number().gt(0).lt(1).default(0.05),
          variance: z.enum(["conditional", "total"]).default("conditional"),
        }),
      ),
      allow_islands: z.boolean().default(false),
    })
    .optional(),
});

type RawScheme = z.infer<typeof schemeSchema>;

function schemeError(message: string, details: Record<string, unknown>): RongheError {
  return new RongheError("invalid_scheme", message, details);
}

function pathText(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out || "(scheme)";
}

/** Parses scheme text: JSON when it looks like JSON (or the file ends in .json), YAML otherwise. */
export function parseSchemeText(text: string, fileName?: string): EvaluationScheme {
  let value: unknown;
  const asJson = fileName ? /\.json$/i.test(fileName) : /^\s*[{[]/.test(text);
  try {
    value = asJson ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw schemeError(`方案文件无法解析 / the scheme file cannot be parsed: ${(error as Error).message}`, {
      file: fileName ?? null,
    });
  }
  return parseScheme(value);
}

/** Validates a scheme object and returns its canonical form. Throws `invalid_scheme` naming the field. */
export function parseScheme(value: unknown): EvaluationScheme {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw schemeError("方案必须是一个对象 / the scheme must be a mapping of fields", { field: "(scheme)" });
  }
  const parsed = schemeSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const keys = issue.code === "unrecognized_keys" ? (issue as { keys: string[] }).keys : null;
      const field = keys ? pathText([...issue.path, keys[0]]) : pathText(issue.path);
      return {
        field,
        message: keys ? `unknown field${keys.length > 1 ? "s" : ""} ${keys.join(", ")}` : issue.message,
      };
    });
    // an unknown field explains the other complaints more often than not: name it first
    issues.sort(
      (a, b) => Number(b.message.startsWith("unknown field")) - Number(a.message.startsWith("unknown field")),
    );
    const first = issues[0];
    throw schemeError(`方案字段无效 / invalid scheme field ${first.field}: ${first.message}`, {
      field: first.field,
      issues,
    });
  }
  return canonicalise(parsed.data);
}

function fieldError(field: string, message: string): RongheError {
  return schemeError(`方案字段无效 / invalid scheme field ${field}: ${message}`, {
    field,
    issues: [{ field, message }],
  });
}

/** `true` → the defaults, an object → its options, `false` / absent → off. */
function enabledOptions<T extends object>(value: boolean | T | undefined): Partial<T> | null {
  if (value === undefined || value === false) return null;
  return value === true ? {} : value;
}

function canonicalise(raw: RawScheme): EvaluationScheme {
  let region: string;
  try {
    region = parseRegionCode(raw.region).code;
  } catch {
    throw fieldError("region", `${JSON.stringify(raw.region)} is not a region code`);
  }
  if (!isRegionLevel(raw.level)) throw fieldError("level", `use one of ${REGION_LEVELS.join(", ")}`);

  let from: number;
  let to: number;
  if (typeof raw.years === "string") [from, to] = raw.years.split(/[-–]/).map((s) => Number(s.trim()));
  else if (Array.isArray(raw.years)) [from, to] = raw.years;
  else ({ from, to } = raw.years);
  if (from > to) throw fieldError("years", `from (${from}) is after to (${to})`);
  if (from < 1900 || to > 2200) throw fieldError("years", "years must lie between 1900 and 2200");

  const seen = new Set<string>();
  raw.indicators.forEach((ind, i) => {
    if (seen.has(ind.code)) throw fieldError(`indicators[${i}].code`, `${ind.code} is listed twice`);
    seen.add(ind.code);
  });
  for (const s of SUBSYSTEMS) {
    if (!raw.indicators.some((ind) => ind.subsystem === s)) {
      throw fieldError(
        "indicators",
        `the ${s} subsystem has no indicator (urban and rural need at least one each)`,
      );
    }
  }
  const weighting = raw.weighting;
  raw.indicators.forEach((ind, i) => {
    if (weighting === "given" && ind.weight === undefined) {
      throw fieldError(`indicators[${i}].weight`, 'weighting "given" needs a weight on every indicator');
    }
    if (weighting !== "given" && ind.weight !== undefined) {
      throw fieldError(
        `indicators[${i}].weight`,
        `a weight is only used with weighting "given" (weighting is "${weighting}")`,
      );
    }
  });
  if (weighting === "given") {
    for (const s of SUBSYSTEMS) {
      const total = raw.indicators
        .filter((ind) => ind.subsystem === s)
        .reduce((a, ind) => a + (ind.weight ?? 0), 0);
      if (!(total > 0)) throw fieldError("indicators", `the given weights of the ${s} subsystem sum to 0`);
    }
  }

  const aggregation = {
    weights_scope: raw.aggregation?.weights_scope ?? "within_group",
    group_weights: raw.aggregation?.group_weights ?? { urban: 0.5, rural: 0.5 },
  } as const;
  const a = raw.analyses;
  const coupling = enabledOptions(a?.coupling);
  if (coupling && aggregation.weights_scope !== "within_group") {
    throw fieldError(
      "analyses.coupling",
      'coupling needs subsystem indices in [0,1]: set aggregation.weights_scope to "within_group"',
    );
  }
  const obstacles = enabledOptions(a?.obstacles);
  const moran = enabledOptions(a?.moran);
  const lisa = enabledOptions(a?.lisa);
  const theil = a?.theil ?? null;
  if (theil) {
    const hasPops = theil.urban_population !== undefined || theil.rural_population !== undefined;
    if (hasPops && (theil.urban_population === undefined || theil.rural_population === undefined)) {
      throw fieldError("analyses.theil", "give both urban_population and rural_population");
    }
    if (hasPops === (theil.urbanisation_rate !== undefined)) {
      throw fieldError(
        "analyses.theil",
        "give either urban_population and rural_population, or urbanisation_rate",
      );
    }
  }
  const sw = a?.spatial_weights;
  const spatialWeights: SpatialWeightsSpec | null =
    moran || lisa || sw
      ? {
          type: sw?.type ?? "queen",
          k: sw?.k ?? 6,
          band_km: sw?.band_km ?? 30,
          snap_tolerance_deg: sw?.snap_tolerance_deg ?? null,
          style: sw?.style ?? "W",
        }
      : null;

  return {
    name: raw.name,
    title: raw.title ?? null,
    notes: raw.notes ?? null,
    region,
    level: raw.level,
    years: { from, to },
    indicators: raw.indicators.map((ind) => ({
      code: ind.code,
      direction: ind.direction ?? null,
      subsystem: ind.subsystem,
      weight: ind.weight ?? null,
    })),
    weighting,
    normalisation: { method: "minmax", scope: raw.normalisation?.scope ?? "pooled" },
    aggregation: {
      weights_scope: aggregation.weights_scope,
      group_weights: { ...aggregation.group_weights },
    },
    missing: raw.missing,
    analyses: {
      coupling: coupling
        ? {
            formula: coupling.formula ?? "standard",
            subsystem_weights: coupling.subsystem_weights ?? { urban: 0.5, rural: 0.5 },
          }
        : null,
      obstacles: obstacles ? { top_n: obstacles.top_n ?? 3 } : null,
      theil: theil
        ? {
            urban_income: theil.urban_income,
            rural_income: theil.rural_income,
            urban_population: theil.urban_population ?? null,
            rural_population: theil.rural_population ?? null,
            urbanisation_rate: theil.urbanisation_rate ?? null,
          }
        : null,
      spatial_weights: spatialWeights,
      moran: moran
        ? {
            permutations: moran.permutations ?? 999,
            seed: moran.seed ?? 12345,
            alternative: moran.alternative ?? "greater",
          }
        : null,
      lisa: lisa
        ? { significance: lisa.significance ?? 0.05, variance: lisa.variance ?? "conditional" }
        : null,
      allow_islands: a?.allow_islands ?? false,
    },
  };
}
