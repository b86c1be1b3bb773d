// Spec adapter: method "coupling-coordination" (analysis-spec.md §5).
import {
  type AnalysisOutcome,
  type AnalysisSpec,
  RongheError,
  readColumnListParam,
  readEnumParam,
  readMissingParam,
  readParam,
  readTable,
} from "@ronghe/core";
import { COORDINATION_LEVELS, couplingCoordination } from "../coupling-coordination.ts";
import { num, Warnings } from "./indicator-params.ts";

export function runCouplingCoordinationSpec(spec: AnalysisSpec): AnalysisOutcome {
  const params = spec.params;
  const subsystems = readColumnListParam(params, "subsystems", 2);
  const formula = readEnumParam(params, "coupling_formula", ["standard", "wang2021"] as const, "standard");
  const weights = readSubsystemWeights(readParam(params, "subsystem_weights"), subsystems);
  const kRaw = readParam(params, "k");
  let k: number | undefined;
  if (kRaw !== undefined) {
    if (typeof kRaw !== "number" || !Number.isFinite(kRaw) || !(kRaw > 0)) {
      throw new RongheError("invalid_spec", `params.k must be a number > 0, not ${JSON.stringify(kRaw)}`, {
        param: "k",
      });
    }
    if (formula !== "standard")
      throw new RongheError("invalid_spec", 'params.k applies to coupling_formula "standard" only', {});
    k = kRaw;
  }
  const table = readTable(spec, { numeric: subsystems }, readMissingParam(params));
  const warnings = new Warnings();
  warnings.dropped(table);
  const columns = subsystems.map((c) => table.numeric.get(c)!);
  for (let j = 0; j < columns.length; j++) {
    const x = columns[j];
    for (let i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        throw new RongheError(
          "negative_values",
          `subsystem index "${subsystems[j]}" is negative in row "${table.ids[i]}"`,
          {
            id: table.ids[i],
            column: subsystems[j],
            value: x[i],
          },
        );
      }
      if (x[i] > 1) warnings.add(`above_one:${subsystems[j]}`);
    }
  }
  const r = couplingCoordination(columns, { formula, k, weights });
  return {
    result: {
      n: table.ids.length,
      subsystems: subsystems.map((column, j) => ({
        column,
        weight: num(weights ? weights[j] : 1 / subsystems.length),
      })),
      rows: table.ids.map((id, i) => ({
        id,
        coupling: num(r.coupling[i]),
        development: num(r.development[i]),
        coordination: num(r.coordination[i]),
        level: r.level[i],
        level_name: COORDINATION_LEVELS[r.level[i] - 1].zh,
      })),
    },
    warnings: warnings.list,
  };
}

/** `subsystem_weights`: absent/"equal", an array aligned with subsystems, or {column: weight}; normalised to 1. */
function readSubsystemWeights(raw: unknown, subsystems: string[]): Float64Array | undefined {
  if (raw === undefined || raw === "equal") return undefined;
  let values: unknown[];
  if (Array.isArray(raw)) values = raw;
  else if (typeof raw === "object" && raw !== null) {
    const o = raw as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (!subsystems.includes(key))
        throw new RongheError("invalid_spec", `params.subsystem_weights names "${key}", not a subsystem`, {});
    }
    values = subsystems.map((c) => o[c]);
  } else throw new RongheError("invalid_spec", "params.subsystem_weights must be an array or an object", {});
  if (
    values.length !== subsystems.length ||
    values.some((v) => typeof v !== "number" || !Number.isFinite(v) || v < 0)
  ) {
    throw new RongheError("invalid_spec", "params.subsystem_weights needs one number ≥ 0 per subsystem", {});
  }
  const total = (values as number[]).reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RongheError("degenerate_weights", "params.subsystem_weights sum to 0", {});
  return Float64Array.from(values as number[], (v) => v / total);
}
