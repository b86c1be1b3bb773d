// Picks the indicators of the urban-rural pair view from the catalogue by role and name: per-capita
// disposable income and resident population, urban and rural. Role first (the catalogue's
// urban_rural_role), then the Chinese name, then the code.
import type { Indicator } from "../api/types.ts";

type Side = "urban" | "rural";

const SIDE_ZH: Record<Side, RegExp> = { urban: /城镇|城市/, rural: /农村|乡村/ };
const SIDE_CODE: Record<Side, RegExp> = { urban: /urban/i, rural: /rural/i };

function score(ind: Indicator, side: Side, what: "income" | "population"): number {
  const zhName = ind.nameZh ?? "";
  const code = ind.code ?? "";
  const en = ind.nameEn ?? "";
  const isWhat =
    what === "income"
      ? /收入/.test(zhName) || /income/i.test(code) || /income/i.test(en)
      : /人口/.test(zhName) || /population/i.test(code) || /population/i.test(en);
  if (!isWhat) return 0;
  if (what === "income" && /比|差|ratio|gap/i.test(zhName + code)) return 0;
  if (what === "population" && (/普查|census/i.test(zhName + code) || /率|rate|share/i.test(zhName + code)))
    return 0;
  let s = 0;
  if (ind.role === side) s += 4;
  if (SIDE_ZH[side].test(zhName)) s += 2;
  else if (SIDE_CODE[side].test(code) || SIDE_CODE[side].test(en)) s += 1;
  if (s === 0) return 0;
  if (what === "income" && /可支配/.test(zhName)) s += 1;
  if (/人均/.test(zhName) || /per.?capita/i.test(code + en)) s += what === "income" ? 1 : -2;
  return s;
}

function best(list: readonly Indicator[], side: Side, what: "income" | "population"): Indicator | null {
  let top: Indicator | null = null;
  let topScore = 0;
  for (const ind of list) {
    const s = score(ind, side, what);
    if (s > topScore) {
      top = ind;
      topScore = s;
    }
  }
  return top;
}

export interface PairIndicators {
  urbanIncome: Indicator | null;
  ruralIncome: Indicator | null;
  urbanPopulation: Indicator | null;
  ruralPopulation: Indicator | null;
  /** resident urbanisation rate (%): population shares P_u = r, P_r = 100 − r when populations are missing */
  urbanisationRate: Indicator | null;
}

function urbanisationRate(list: readonly Indicator[]): Indicator | null {
  return (
    list.find((i) => /城镇化率/.test(i.nameZh) && !/户籍|差/.test(i.nameZh) && i.unit.trim() === "%") ??
    list.find(
      (i) =>
        /urbani[sz]ation/i.test(`${i.code} ${i.nameEn}`) &&
        !/hukou|regist|gap/i.test(`${i.code} ${i.nameEn}`) &&
        i.unit.trim() === "%",
    ) ??
    null
  );
}

export function pickPairIndicators(list: readonly Indicator[]): PairIndicators {
  const urbanPopulation = best(list, "urban", "population");
  let ruralPopulation = best(list, "rural", "population");
  // the Theil index needs both populations in the same unit
  if (urbanPopulation && ruralPopulation && urbanPopulation.unit !== ruralPopulation.unit)
    ruralPopulation = null;
  return {
    urbanIncome: best(list, "urban", "income"),
    ruralIncome: best(list, "rural", "income"),
    urbanPopulation: ruralPopulation ? urbanPopulation : null,
    ruralPopulation: urbanPopulation ? ruralPopulation : null,
    urbanisationRate: urbanisationRate(list),
  };
}
