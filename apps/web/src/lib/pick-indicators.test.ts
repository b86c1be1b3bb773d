import { describe, expect, it } from "vitest";
import type { Indicator } from "../api/types.ts";
import { pickPairIndicators } from "./pick-indicators.ts";

const ind = (code: string, nameZh: string, unit: string, role: string | null = null): Indicator => ({
  code,
  nameZh,
  nameEn: "",
  unit,
  direction: "+",
  role,
});

describe("pickPairIndicators", () => {
  it("finds catalogue indicators by role and name, not the ratio", () => {
    const list = [
      ind("ECO-03", "城乡居民人均可支配收入比", "ratio (rural = 1)", "gap"),
      ind("ECO-02", "农村居民人均可支配收入", "yuan", "rural"),
      ind("ECO-01", "城镇居民人均可支配收入", "yuan", "urban"),
      ind("POP-02", "户籍人口城镇化率", "%", "territory"),
      ind("POP-01", "常住人口城镇化率", "%", "territory"),
    ];
    const p = pickPairIndicators(list);
    expect(p.urbanIncome?.code).toBe("ECO-01");
    expect(p.ruralIncome?.code).toBe("ECO-02");
    expect(p.urbanPopulation).toBeNull();
    expect(p.urbanisationRate?.code).toBe("POP-01");
  });

  it("finds the demo panel's codes by name without roles, and populations in one unit", () => {
    const list = [
      ind("census_urban_population", "普查城镇人口", "人"),
      ind("urban_resident_population", "城镇常住人口", "万人"),
      ind("rural_resident_population", "乡村常住人口", "万人"),
      ind("income_per_capita_rural", "农村居民人均收入（可支配收入；早年可能为纯收入）", "元"),
      ind("disposable_income_per_capita_urban", "城镇常住居民人均可支配收入", "元"),
      ind("urbanization_rate_resident", "常住人口城镇化率", "%"),
    ];
    const p = pickPairIndicators(list);
    expect(p.urbanIncome?.code).toBe("disposable_income_per_capita_urban");
    expect(p.ruralIncome?.code).toBe("income_per_capita_rural");
    expect(p.urbanPopulation?.code).toBe("urban_resident_population");
    expect(p.ruralPopulation?.code).toBe("rural_resident_population");
  });

  it("drops the populations when their units differ", () => {
    const p = pickPairIndicators([ind("u", "城镇常住人口", "万人"), ind("r", "乡村常住人口", "人")]);
    expect(p.urbanPopulation).toBeNull();
    expect(p.ruralPopulation).toBeNull();
  });
});
