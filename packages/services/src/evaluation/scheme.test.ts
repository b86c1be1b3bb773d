import { describe, expect, it } from "vitest";
import { parseScheme, parseSchemeText } from "./scheme.ts";

const minimal = {
  name: "s1",
  region: "500000",
  level: "county",
  years: [2010, 2020],
  indicators: [
    { code: "ECO-01", subsystem: "urban" },
    { code: "ECO-02", subsystem: "rural" },
  ],
};

function fieldOf(fn: () => unknown): { code: string; field: string } {
  try {
    fn();
  } catch (error) {
    const e = error as { code: string; details: { field: string } };
    return { code: e.code, field: e.details.field };
  }
  throw new Error("expected an error");
}

describe("parseScheme", () => {
  it("fills every default (the canonical form)", () => {
    const s = parseScheme(minimal);
    expect(s.years).toEqual({ from: 2010, to: 2020 });
    expect(s.weighting).toBe("entropy");
    expect(s.normalisation).toEqual({ method: "minmax", scope: "pooled" });
    expect(s.aggregation).toEqual({
      weights_scope: "within_group",
      group_weights: { urban: 0.5, rural: 0.5 },
    });
    expect(s.missing).toBe("drop");
    expect(s.indicators[0]).toEqual({ code: "ECO-01", direction: null, subsystem: "urban", weight: null });
    expect(s.analyses.coupling).toBeNull();
    expect(s.analyses.spatial_weights).toBeNull();
    const on = parseScheme({
      ...minimal,
      analyses: { coupling: true, moran: true, lisa: { significance: 0.1 } },
    });
    expect(on.analyses.coupling).toEqual({
      formula: "standard",
      subsystem_weights: { urban: 0.5, rural: 0.5 },
    });
    expect(on.analyses.moran).toEqual({ permutations: 999, seed: 12345, alternative: "greater" });
    expect(on.analyses.lisa).toEqual({ significance: 0.1, variance: "conditional" });
    expect(on.analyses.spatial_weights).toEqual({
      type: "queen",
      k: 6,
      band_km: 30,
      snap_tolerance_deg: null,
      style: "W",
    });
  });

  it("reads YAML and JSON text to the same scheme", () => {
    const yaml = `name: s1\nregion: "500000"\nlevel: county\nyears: 2010-2020\nindicators:\n  - {code: ECO-01, subsystem: urban}\n  - {code: ECO-02, subsystem: rural}\n`;
    expect(parseSchemeText(yaml, "a.yaml")).toEqual(parseSchemeText(JSON.stringify(minimal), "a.json"));
  });

  it("names the offending field", () => {
    expect(fieldOf(() => parseScheme({ ...minimal, colour: "red" }))).toEqual({
      code: "invalid_scheme",
      field: "colour",
    });
    expect(
      fieldOf(() =>
        parseScheme({
          ...minimal,
          indicators: [{ code: "A", subsystem: "urban", wieght: 1 }, minimal.indicators[1]],
        }),
      ),
    ).toEqual({ code: "invalid_scheme", field: "indicators[0].wieght" });
    expect(
      fieldOf(() =>
        parseScheme({ ...minimal, indicators: [{ code: "A", subsystem: "city" }, minimal.indicators[1]] }),
      ),
    ).toEqual({ code: "invalid_scheme", field: "indicators[0].subsystem" });
    expect(fieldOf(() => parseScheme({ ...minimal, weighting: "ahp" }))).toEqual({
      code: "invalid_scheme",
      field: "weighting",
    });
    expect(fieldOf(() => parseScheme({ ...minimal, level: "district" }))).toEqual({
      code: "invalid_scheme",
      field: "level",
    });
    expect(fieldOf(() => parseScheme({ ...minimal, region: "12345" }))).toEqual({
      code: "invalid_scheme",
      field: "region",
    });
    expect(fieldOf(() => parseScheme({ ...minimal, years: [2020, 2010] }))).toEqual({
      code: "invalid_scheme",
      field: "years",
    });
    expect(fieldOf(() => parseScheme({ ...minimal, analyses: { obstacles: { top_n: 0 } } }))).toEqual({
      code: "invalid_scheme",
      field: "analyses.obstacles.top_n",
    });
    const { name: _name, ...noName } = minimal;
    expect(fieldOf(() => parseScheme(noName))).toEqual({ code: "invalid_scheme", field: "name" });
  });

  it("checks the rules across fields", () => {
    const dup = { ...minimal, indicators: [...minimal.indicators, { code: "ECO-01", subsystem: "rural" }] };
    expect(fieldOf(() => parseScheme(dup))).toEqual({ code: "invalid_scheme", field: "indicators[2].code" });
    const oneSided = {
      ...minimal,
      indicators: [
        { code: "A", subsystem: "urban" },
        { code: "B", subsystem: "urban" },
      ],
    };
    expect(fieldOf(() => parseScheme(oneSided)).field).toBe("indicators");
    expect(fieldOf(() => parseScheme({ ...minimal, weighting: "given" })).field).toBe("indicators[0].weight");
    const weighted = { ...minimal, indicators: minimal.indicators.map((i) => ({ ...i, weight: 1 })) };
    expect(fieldOf(() => parseScheme(weighted)).field).toBe("indicators[0].weight");
    expect(parseScheme({ ...weighted, weighting: "given" }).indicators[1].weight).toBe(1);
    expect(
      fieldOf(() =>
        parseScheme({ ...minimal, aggregation: { weights_scope: "global" }, analyses: { coupling: true } }),
      ).field,
    ).toBe("analyses.coupling");
    expect(
      fieldOf(() =>
        parseScheme({
          ...minimal,
          analyses: { theil: { urban_income: "A", rural_income: "B", urban_population: "C" } },
        }),
      ).field,
    ).toBe("analyses.theil");
  });

  it("rejects text that is neither YAML nor JSON", () => {
    expect(() => parseSchemeText("{ not json", "x.json")).toThrow(
      expect.objectContaining({ code: "invalid_scheme" }),
    );
    expect(() => parseSchemeText("- just\n- a list\n", "x.yaml")).toThrow(
      expect.objectContaining({ code: "invalid_scheme" }),
    );
  });
});
