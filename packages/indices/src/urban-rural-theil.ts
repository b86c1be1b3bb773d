// Urban-rural (城乡) Theil index of one region, analysis-spec.md §5 urban-rural-theil:
//   I_u = y_u P_u, I_r = y_r P_r, theil = Σ_{k∈{u,r}} (I_k/I) ln((I_k/I)/(P_k/P)) with 0·ln 0 = 0.
export interface UrbanRuralTheil {
  /** null when both incomes are 0 */
  theil: number | null;
  /** y_u / y_r, null when y_r = 0 */
  incomeRatio: number | null;
  urbanIncomeShare: number | null;
  urbanPopulationShare: number;
}

/** Per-capita incomes (≥ 0) and populations (> 0) of the urban and rural parts; validation is the caller's. */
export function urbanRuralTheil(
  urbanIncome: number,
  ruralIncome: number,
  urbanPopulation: number,
  ruralPopulation: number,
): UrbanRuralTheil {
  const iu = urbanIncome * urbanPopulation;
  const ir = ruralIncome * ruralPopulation;
  const total = iu + ir;
  const p = urbanPopulation + ruralPopulation;
  const pu = urbanPopulation / p;
  const pr = ruralPopulation / p;
  let theil: number | null = null;
  let urbanIncomeShare: number | null = null;
  if (total > 0) {
    const su = iu / total;
    const sr = ir / total;
    theil = (su > 0 ? su * Math.log(su / pu) : 0) + (sr > 0 ? sr * Math.log(sr / pr) : 0);
    urbanIncomeShare = su;
  }
  return {
    theil,
    incomeRatio: ruralIncome === 0 ? null : urbanIncome / ruralIncome,
    urbanIncomeShare,
    urbanPopulationShare: pu,
  };
}
