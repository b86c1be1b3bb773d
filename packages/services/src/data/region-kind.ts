// Kind of a region (街道/镇/乡, 居委会/村委会 …) from its code and name. The rules, in order:
//   province    直辖市 (11, 12, 31, 50), 自治区, 特别行政区, else 省
//   prefecture  市辖区 / 县 (the two groupings of a 直辖市), 自治州, 地区, 盟, 省直辖县级行政区划, else 地级市
//   county      name suffix: 自治县, 自治旗, 旗, 林区, 特区, 区 (市辖区), 市 (县级市), 县; else 其他
//   township    a plain name suffix wins (…街道 → 街道, …镇 → 镇, …乡 / …苏木 → 乡); otherwise the 7th digit of the
//               code (NBS coding rules): 0 街道, 1 镇, 2/3 乡, 4/5 特殊区域 (开发区, 农场 and other 政企合一 units)
//   village     after dropping a trailing bracketed remark: …居委会 / 居民委员会 / 社区 / 家委会 → 居委会 (urban
//               community); …村委会 / 村民委员会 / 村民委会 / 村 / 嘎查 / 嘎查委会 / 牧委会 → 村委会 (rural village); else 其他
// Any region's kind can be overridden by hand (`kindOverridden`), e.g. from a `code,kind` CSV.
import type { RegionLevel } from "@ronghe/core";

const MUNICIPALITIES = new Set(["11", "12", "31", "50"]);

export const VILLAGE_KINDS = ["居委会", "村委会", "其他"] as const;
export const TOWNSHIP_KINDS = ["街道", "镇", "乡", "特殊区域"] as const;

export function provinceKind(code: string, name: string): string {
  if (MUNICIPALITIES.has(code.slice(0, 2))) return "直辖市";
  if (name.endsWith("自治区")) return "自治区";
  if (name.endsWith("特别行政区")) return "特别行政区";
  return "省";
}

export function prefectureKind(name: string): string {
  if (name === "市辖区" || name === "县") return name;
  if (name.includes("直辖县级")) return "省直辖县级行政区划";
  for (const suffix of ["自治州", "地区", "盟"]) if (name.endsWith(suffix)) return suffix;
  return "地级市";
}

export function countyKind(name: string): string {
  for (const suffix of ["自治县", "自治旗", "旗", "林区", "特区"]) if (name.endsWith(suffix)) return suffix;
  if (name.endsWith("区")) return "市辖区";
  if (name.endsWith("市")) return "县级市";
  if (name.endsWith("县")) return "县";
  return "其他";
}

const TOWNSHIP_DIGIT: Record<string, string> = {
  "0": "街道",
  "1": "镇",
  "2": "乡",
  "3": "乡",
  "4": "特殊区域",
  "5": "特殊区域",
};

/** `code` is the 9- or 12-digit statistical code; its 7th digit types the township. */
export function townshipKind(code: string, name: string): string {
  if (name.endsWith("街道") || name.endsWith("街道办事处")) return "街道";
  if (name.endsWith("镇")) return "镇";
  if (name.endsWith("乡") || name.endsWith("苏木")) return "乡";
  return TOWNSHIP_DIGIT[code[6]] ?? "其他";
}

const URBAN_VILLAGE_SUFFIXES = ["居委会", "居民委员会", "社区", "家委会"];
const RURAL_VILLAGE_SUFFIXES = ["村委会", "村民委员会", "村民委会", "村", "嘎查", "嘎查委会", "牧委会"];
const TRAILING_REMARKS = /(?:[（(][^（）()]*[)）])+$/u;

/**
 * The suffixes in a trie read from the name's end, each node holding the rule position of the suffix that ends
 * there: a name walks it char by char, and the smallest position met is the first rule that applies, as the
 * rule lists read in order decide (620k names are typed on a full import; one walk beats endsWith per suffix).
 */
interface SuffixNode {
  next: Map<number, SuffixNode>;
  rule: number;
}
const VILLAGE_RULES = [
  ...URBAN_VILLAGE_SUFFIXES.map(() => "居委会"),
  ...RURAL_VILLAGE_SUFFIXES.map(() => "村委会"),
];
const VILLAGE_SUFFIX_TRIE: SuffixNode = { next: new Map(), rule: -1 };
[...URBAN_VILLAGE_SUFFIXES, ...RURAL_VILLAGE_SUFFIXES].forEach((suffix, rule) => {
  let node = VILLAGE_SUFFIX_TRIE;
  for (let k = suffix.length - 1; k >= 0; k--) {
    const c = suffix.charCodeAt(k);
    let child = node.next.get(c);
    if (child === undefined) {
      child = { next: new Map(), rule: -1 };
      node.next.set(c, child);
    }
    node = child;
  }
  if (node.rule === -1) node.rule = rule;
});

export function villageKind(name: string): string {
  // the regex only for names ending in a bracket (")" or "）")
  const last = name.charCodeAt(name.length - 1);
  const core = last === 0x29 || last === 0xff09 ? name.replace(TRAILING_REMARKS, "") : name;
  let node: SuffixNode | undefined = VILLAGE_SUFFIX_TRIE;
  let first = -1;
  for (let k = core.length - 1; k >= 0; k--) {
    node = node.next.get(core.charCodeAt(k));
    if (node === undefined) break;
    if (node.rule !== -1 && (first === -1 || node.rule < first)) first = node.rule;
  }
  return first === -1 ? "其他" : VILLAGE_RULES[first];
}

export function regionKind(level: RegionLevel, statCode: string, name: string): string {
  switch (level) {
    case "province":
      return provinceKind(statCode, name);
    case "prefecture":
      return prefectureKind(name);
    case "county":
      return countyKind(name);
    case "township":
      return townshipKind(statCode, name);
    case "village":
      return villageKind(name);
  }
}
