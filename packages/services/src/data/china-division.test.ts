import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RongheError } from "@ronghe/core";
import { afterAll, describe, expect, it } from "vitest";
import { readChinaDivision, splitQuotedOnce } from "./china-division.ts";
import { splitCsvLine } from "./csv-lines.ts";

describe("splitQuotedOnce", () => {
  it("cuts lines as splitCsvLine does", () => {
    for (const line of [
      "110101001001,多福巷社区居委会,110101001",
      '110101001001,"多福巷社区居委会",110101001,11',
      '"500235","云阳县",5002',
      '500235,"云阳县, 重庆",',
      ",,",
    ]) {
      expect(splitQuotedOnce(line)).toEqual(splitCsvLine(line));
    }
  });

  it("ends at an unclosed quote in any cell (it looped forever in a later cell)", () => {
    expect(splitQuotedOnce('500235,"云阳县')).toEqual(["500235", "云阳县"]);
    expect(splitQuotedOnce('500235,"云阳县')).toEqual(splitCsvLine('500235,"云阳县'));
    expect(splitQuotedOnce('"云阳县')).toEqual(["云阳县"]);
  });
});

// readChinaDivision cuts the wanted cells of well-formed lines straight out of the text and sends every other line
// through the general splitter; a file whose body holds a doubled quote goes through the general splitter whole.
// Random, partly malformed editions are read twice: as written (fast cuts where they apply), and with one extra
// line that carries a doubled quote appended to every file (general path throughout, the same regions).
describe("readChinaDivision on other editions", () => {
  const root = mkdtempSync(join(tmpdir(), "ronghe-division-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  let seed = 20241130;
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const digits = (n: number) => Array.from({ length: n }, () => pick([..."0000123456789"])).join("");
  const FILES = [
    { file: "provinces.csv", columns: ["code", "name"], digits: 2 },
    { file: "cities.csv", columns: ["code", "name", "provinceCode"], digits: 4 },
    { file: "areas.csv", columns: ["code", "name", "cityCode", "provinceCode"], digits: 6 },
    { file: "streets.csv", columns: ["code", "name", "areaCode", "provinceCode"], digits: 9 },
    { file: "villages.csv", columns: ["code", "name", "streetCode", "provinceCode"], digits: 12 },
  ];
  const NAMES = [
    "重庆市",
    "市辖区",
    "县",
    "云阳县",
    "万州区",
    "东华门街道",
    "云阳镇",
    "某某乡",
    "开发区",
    "多福巷社区居委会",
  ];
  const MORE_NAMES = [
    "云阳村村民委员会",
    "卜尔汉图嘎查",
    "卢湾村委会（长阳社区）",
    "生活区",
    "",
    "a,b",
    "村)",
    "（）",
  ];

  function line(spec: (typeof FILES)[number], codes: string[][], level: number, bad: number): string {
    const parents = level > 0 ? codes[level - 1] : [];
    let code =
      parents.length > 0 && next() < 0.8
        ? (() => {
            const parent = pick(parents);
            const rest = spec.digits - parent.length;
            return parent + (next() < 0.3 ? "0".repeat(rest) : digits(rest));
          })()
        : pick(["11", "50", "44"]) + digits(spec.digits - 2);
    if (next() < 0.05 * bad) code = code.slice(0, -1);
    codes[level].push(code);
    const name = pick([...NAMES, ...MORE_NAMES]);
    const values: Record<string, string> = {
      code,
      name,
      provinceCode: code.slice(0, 2),
      cityCode: code.slice(0, 4),
      areaCode: code.slice(0, 6),
      streetCode: code.slice(0, 9),
    };
    let cells = spec.columns.map((c) => {
      const v = values[c];
      const quoted = c === "name" ? next() < 0.85 || v.includes(",") : next() < 0.08 * bad;
      return quoted ? `"${v}"` : v;
    });
    if (next() < 0.04 * bad) cells = cells.slice(0, Math.floor(next() * cells.length));
    let text = cells.join(",");
    if (next() < 0.03 * bad) text += ",";
    if (next() < 0.02 * bad) text = `${text.slice(0, text.length - 1)}`; // an unclosed quote
    if (next() < 0.03 * bad) text = `${text} `;
    if (next() < 0.03 * bad) text = `${text}\r`;
    if (next() < 0.03 * bad) text = "";
    if (next() < 0.02 * bad) text = `${text}x`;
    return text;
  }

  /** the regions read, or the error a malformed line gave */
  const outcome = (options: Parameters<typeof readChinaDivision>[0]) => {
    try {
      return readChinaDivision(options);
    } catch (error) {
      const { code, message, details } = error as RongheError;
      return { error: { code, message, details } };
    }
  };

  it("reads every line the general way would", () => {
    let read = 0;
    for (let edition = 0; edition < 200; edition++) {
      const bad = pick([0, 0.3, 1]);
      const asWritten = join(root, `${edition}-a`);
      const general = join(root, `${edition}-b`);
      mkdirSync(asWritten);
      mkdirSync(general);
      const codes: string[][] = FILES.map(() => []);
      FILES.forEach((spec, level) => {
        const lines = [spec.columns.join(",")];
        const count = Math.floor(next() * 25);
        for (let k = 0; k < count; k++) lines.push(line(spec, codes, level, bad));
        const text = `${lines.join("\n")}\n`;
        // one well-formed line more, with a doubled quote (an empty quoted cell) past the columns in one copy
        const extra = [
          `50${"9".repeat(spec.digits - 2)}`,
          '"末行"',
          ...spec.columns.slice(2).map(() => "50"),
        ].join(",");
        writeFileSync(join(asWritten, spec.file), `${text}${extra}\n`);
        writeFileSync(join(general, spec.file), `${text}${extra},""\n`);
      });
      for (const options of [{}, { province: "50" }, { province: "11", maxLevel: "county" as const }]) {
        const fast = outcome({ ...options, dir: asWritten });
        if (!("error" in fast)) read++;
        expect(fast).toEqual(outcome({ ...options, dir: general }));
      }
    }
    // most editions read through (a malformed line is an error on both paths alike)
    expect(read).toBeGreaterThan(300);
  });

  it("names the file and line of a line without a name cell", () => {
    const dir = join(root, "short-line");
    mkdirSync(dir);
    writeFileSync(join(dir, "provinces.csv"), '\uFEFFcode,name\n11,"北京市"\n50\n');
    expect(outcome({ dir, maxLevel: "province" })).toEqual({
      error: {
        code: "invalid_input",
        message: "provinces.csv line 3: no name cell",
        details: { file: "provinces.csv", row: 3, value: "50" },
      },
    });
    writeFileSync(join(dir, "provinces.csv"), "code,title\n11,北京市\n");
    expect(outcome({ dir, maxLevel: "province" })).toMatchObject({
      error: { code: "invalid_input", message: "provinces.csv: the header has no name column" },
    });
  });
});
