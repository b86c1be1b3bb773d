import { isRongheError } from "@ronghe/core";
import { describe, expect, it } from "vitest";
import { type PlanError, parsePlan, parsePlanRows } from "./parse-plan.ts";
import type { CatalogueIndicator } from "./units.ts";

const CATALOGUE: CatalogueIndicator[] = [
  { code: "POP-01", unit: "%", direction: "+" },
  { code: "ECO-02", unit: "yuan", direction: "+" },
  { code: "ECO-03", unit: "ratio (rural = 1)", direction: "-" },
  { code: "LND-02", unit: "mu", direction: "+" },
];

const GOOD = `
id: demo-plan
name: 示例规划
illustrative: true
region: 500000
departments: [市发展改革委, 市农业农村委]
defaults:
  due_month: 6
targets:
  - id: T1
    indicator: ECO-03
    name: 城乡居民收入比
    applies_to_level: county
    baseline: { year: 2015, from_data: true }
    target: { year: 2020, value: 2.5 }
    form: ratio_at_most
    kind: 预期性
    department: 市发展改革委
  - id: T2
    indicator: ECO-02
    name: 农村居民人均可支配收入年均增长
    region: 500101
    baseline: { year: 2015, value: 10729 }
    target: { year: 2020, value: 9 }
    form: avg_annual_growth_at_least
    kind: binding
    unit: 元
    due_month: 3
  - id: T3
    indicator: LND-02
    name: 地票累计交易
    region: "500101"
    baseline: { year: 2015 }
    target: { year: 2020, value: 3000 }
    form: cumulative_at_least
    kind: expected
`;

/** Runs fn, expects invalid_plan, returns the collected errors. */
function errorsOf(fn: () => unknown): PlanError[] {
  try {
    fn();
  } catch (e) {
    expect(isRongheError(e)).toBe(true);
    expect((e as { code: string }).code).toBe("invalid_plan");
    return (e as { details: { errors: PlanError[] } }).details.errors;
  }
  throw new Error("expected invalid_plan, nothing was thrown");
}

describe("parsePlan (YAML / JSON)", () => {
  it("parses a valid plan into the camelCase model, filling units and due months", () => {
    const plan = parsePlan(GOOD, { catalogue: CATALOGUE });
    expect(plan).toMatchObject({
      id: "demo-plan",
      illustrative: true,
      region: "500000",
      departments: ["市发展改革委", "市农业农村委"],
    });
    expect(plan.targets).toHaveLength(3);
    expect(plan.targets[0]).toEqual({
      id: "T1",
      indicator: "ECO-03",
      name: "城乡居民收入比",
      appliesToLevel: "county",
      baseline: { year: 2015, fromData: true },
      targetYear: 2020,
      targetValue: 2.5,
      form: "ratio_at_most",
      kind: "expected",
      department: "市发展改革委",
      unit: "ratio (rural = 1)",
      dueMonth: 6,
    });
    expect(plan.targets[1]).toMatchObject({
      region: "500101",
      baseline: { year: 2015, value: 10729 },
      kind: "binding",
      unit: "元",
      dueMonth: 3,
    });
    expect(plan.targets[2]).toMatchObject({
      region: "500101",
      baseline: { year: 2015, value: null },
      form: "cumulative_at_least",
      dueMonth: 6,
    });
    // due_month: null switches the plan default off
    const off = yamlObject();
    off.targets[2].due_month = null;
    expect(parsePlan(off).targets[2].dueMonth).toBeUndefined();
  });

  it("accepts JSON text and objects alike", () => {
    const fromYaml = parsePlan(GOOD, { catalogue: CATALOGUE });
    expect(parsePlan(JSON.stringify(yamlObject()), { format: "json", catalogue: CATALOGUE })).toEqual(
      fromYaml,
    );
    expect(parsePlan(yamlObject(), { catalogue: CATALOGUE })).toEqual(fromYaml);
    expect(errorsOf(() => parsePlan("{ not json", { format: "json" }))[0].reason).toBe("syntax");
  });

  it("reports YAML syntax errors with their position", () => {
    const errs = errorsOf(() => parsePlan("id: x\ntargets: [1, 2\nname: y"));
    expect(errs[0].reason).toBe("syntax");
    expect(String(errs[0].value)).toMatch(/line/);
  });

  const bad = (mutate: (t: Record<string, unknown>) => void, index = 0): PlanError[] => {
    // each case changes exactly one thing in an otherwise valid plan
    const file = yamlObject();
    mutate(file.targets[index]);
    return errorsOf(() => parsePlan(file, { catalogue: CATALOGUE }));
  };

  it("unknown indicator", () => {
    const errs = bad((t) => (t.indicator = "ECO-99"));
    expect(errs).toEqual([
      {
        row: 1,
        field: "indicator",
        value: "ECO-99",
        reason: "unknown_indicator",
        message: expect.any(String),
      },
    ]);
  });

  it("target year before (or equal to) the baseline", () => {
    expect(bad((t) => (t.target = { year: 2014, value: 2.5 }))).toMatchObject([
      { row: 1, field: "target.year", value: 2014, reason: "target_before_baseline" },
    ]);
    expect(bad((t) => (t.target = { year: 2015, value: 2.5 }))[0].reason).toBe("target_before_baseline");
  });

  it("growth target on an indicator that is not an amount", () => {
    const errs = bad((t) => {
      t.form = "avg_annual_growth_at_least";
      t.indicator = "POP-01";
      t.target = { year: 2020, value: 3 };
    });
    expect(errs).toMatchObject([{ row: 1, field: "form", reason: "growth_on_non_amount" }]);
    // a ratio is no amount either
    expect(bad((t) => (t.form = "avg_annual_growth_at_least"))).toMatchObject([
      { reason: "growth_on_non_amount" },
    ]);
  });

  it("unit mismatch between target and indicator (aliases are not mismatches)", () => {
    expect(bad((t) => (t.unit = "万元"), 1)).toMatchObject([
      { row: 2, field: "unit", value: "万元", reason: "unit_mismatch" },
    ]);
    expect(() => parsePlan(GOOD, { catalogue: CATALOGUE })).not.toThrow(); // "元" = "yuan"
  });

  it("unknown form and unknown kind", () => {
    expect(bad((t) => (t.form = "level_at_about"))).toMatchObject([
      { field: "form", value: "level_at_about", reason: "unknown_form" },
    ]);
    expect(bad((t) => (t.kind = "soft"))).toMatchObject([
      { field: "kind", value: "soft", reason: "unknown_kind" },
    ]);
  });

  it("form/indicator fit: share needs %, ratio needs a ratio, cumulative needs an amount", () => {
    expect(bad((t) => (t.form = "share_at_least"))).toMatchObject([{ reason: "share_needs_percent" }]);
    expect(
      bad((t) => {
        t.form = "ratio_at_most";
        t.indicator = "POP-01";
      }),
    ).toMatchObject([{ reason: "ratio_needs_ratio" }]);
    expect(
      bad((t) => {
        t.form = "cumulative_at_least";
        t.indicator = "POP-01";
      }),
    ).toMatchObject([{ reason: "cumulative_on_non_amount" }]);
  });

  it("baseline, region, level, department, field and duplicate checks", () => {
    expect(bad((t) => (t.baseline = { year: 2015 }))).toMatchObject([
      { field: "baseline.value", reason: "missing_baseline" },
    ]);
    expect(bad((t) => (t.baseline = { year: 2015, value: 2.6, from_data: true }))).toMatchObject([
      { reason: "ambiguous_baseline" },
    ]);
    expect(bad((t) => (t.region = "510100"))).toMatchObject([
      { field: "region", reason: "region_outside_plan" },
    ]);
    expect(bad((t) => (t.region = "5001x"))).toMatchObject([{ field: "region", reason: "invalid_region" }]);
    expect(bad((t) => (t.applies_to_level = "district"))).toMatchObject([
      { field: "applies_to_level", reason: "invalid_value" },
    ]);
    expect(bad((t) => (t.applies_to_level = "province"))).toMatchObject([
      { field: "applies_to_level", reason: "invalid_level" },
    ]);
    expect(
      bad((t) => {
        t.region = "500101";
        t.applies_to_level = "county";
      }),
    ).toMatchObject([{ reason: "invalid_level" }]);
    expect(bad((t) => (t.department = "市交通局"))).toMatchObject([{ reason: "unknown_department" }]);
    expect(bad((t) => (t.taget_year = 2020))).toMatchObject([
      { field: "taget_year", reason: "unknown_field" },
    ]);
    expect(bad((t) => delete t.name)).toMatchObject([{ field: "name", reason: "missing_field" }]);
    expect(bad((t) => (t.id = "T2"))).toMatchObject([{ row: 2, field: "id", reason: "duplicate_id" }]);
  });

  it("collects every error in one throw and returns nothing partial", () => {
    const file = yamlObject();
    file.targets[0].indicator = "NOPE";
    file.targets[1].form = "avg_growth";
    file.targets[2].target = { year: 2010, value: 1 };
    delete file.name;
    const errs = errorsOf(() => parsePlan(file, { catalogue: CATALOGUE }));
    expect(errs.map((e) => [e.row, e.reason])).toEqual([
      [null, "missing_field"],
      [1, "unknown_indicator"],
      [2, "unknown_form"],
      [3, "target_before_baseline"],
    ]);
  });

  it("a plan without targets is invalid", () => {
    const file = yamlObject();
    file.targets = [];
    expect(errorsOf(() => parsePlan(file))).toMatchObject([{ field: "targets", reason: "invalid_value" }]);
  });
});

describe("parsePlanRows (XLSX / CSV rows)", () => {
  const header = { plan_id: "rows-plan", plan_name: "行式规划", plan_region: "500000", illustrative: "是" };
  const row = (over: Record<string, unknown> = {}) => ({
    ...header,
    target_id: "R1",
    indicator: "POP-01",
    name: "常住人口城镇化率",
    applies_to_level: "county",
    baseline_year: "2015",
    baseline_from_data: "true",
    target_year: "2020",
    target_value: "50",
    form: "level_at_least",
    kind: "约束性",
    unit: "%",
    due_month: "6",
    ...over,
  });

  it("parses text cells (CSV) and number cells (XLSX), skipping blank rows", () => {
    const plan = parsePlanRows(
      [
        row(),
        { target_id: "", indicator: null },
        row({
          target_id: "R2",
          target_year: 2020,
          target_value: 55,
          baseline_from_data: undefined,
          baseline_value: 48.5,
        }),
      ],
      {
        catalogue: CATALOGUE,
      },
    );
    expect(plan).toMatchObject({ id: "rows-plan", illustrative: true, region: "500000" });
    expect(plan.targets[0]).toMatchObject({
      id: "R1",
      baseline: { year: 2015, fromData: true },
      targetYear: 2020,
      targetValue: 50,
      kind: "binding",
      dueMonth: 6,
    });
    expect(plan.targets[1]).toMatchObject({
      id: "R2",
      baseline: { year: 2015, value: 48.5 },
      targetValue: 55,
    });
  });

  it("reports errors by spreadsheet row and column", () => {
    const errs = errorsOf(() =>
      parsePlanRows(
        [
          row(),
          row({ target_id: "R2", indicator: "ECO-02", unit: "%" }),
          row({ target_id: "R3", target_year: "2010" }),
          row({ target_id: "R4", target_value: "五十" }),
          row({ target_id: "R5", form: "avg_annual_growth_at_least" }),
          row({ target_id: "R6", form: "level_upto" }),
          row({ target_id: "R7", plan_id: "other" }),
        ],
        { catalogue: CATALOGUE },
      ),
    );
    expect(errs.map((e) => [e.row, e.field, e.reason])).toEqual([
      [8, "plan_id", "plan_mismatch"],
      [3, "unit", "unit_mismatch"],
      [4, "target_year", "target_before_baseline"],
      [5, "target_value", "invalid_value"],
      [6, "form", "growth_on_non_amount"],
      [7, "form", "unknown_form"],
    ]);
  });

  it("takes the plan header from options when the sheet has no plan columns", () => {
    const { plan_id, plan_name, plan_region, illustrative, ...bare } = row();
    void [plan_id, plan_name, plan_region, illustrative];
    const plan = parsePlanRows([bare], { plan: { id: "opt", name: "选项", region: "500000" } });
    expect(plan).toMatchObject({ id: "opt", illustrative: false });
    expect(errorsOf(() => parsePlanRows([bare])).map((e) => e.field)).toEqual([
      "plan_id",
      "plan_name",
      "plan_region",
    ]);
  });
});

function yamlObject(): { name?: string; targets: Record<string, unknown>[] } & Record<string, unknown> {
  // the GOOD document as a plain object (the parser's own input shape)
  return {
    id: "demo-plan",
    name: "示例规划",
    illustrative: true,
    region: 500000,
    departments: ["市发展改革委", "市农业农村委"],
    defaults: { due_month: 6 },
    targets: [
      {
        id: "T1",
        indicator: "ECO-03",
        name: "城乡居民收入比",
        applies_to_level: "county",
        baseline: { year: 2015, from_data: true },
        target: { year: 2020, value: 2.5 },
        form: "ratio_at_most",
        kind: "预期性",
        department: "市发展改革委",
      },
      {
        id: "T2",
        indicator: "ECO-02",
        name: "农村居民人均可支配收入年均增长",
        region: 500101,
        baseline: { year: 2015, value: 10729 },
        target: { year: 2020, value: 9 },
        form: "avg_annual_growth_at_least",
        kind: "binding",
        unit: "元",
        due_month: 3,
      },
      {
        id: "T3",
        indicator: "LND-02",
        name: "地票累计交易",
        region: "500101",
        baseline: { year: 2015 },
        target: { year: 2020, value: 3000 },
        form: "cumulative_at_least",
        kind: "expected",
      },
    ],
  };
}
