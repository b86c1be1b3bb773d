// Shared vocabulary of the indicator methods (analysis-spec.md §3).

/** "+" benefit (larger is better), "-" cost (smaller is better). */
export type Direction = "+" | "-";

/** Column-major data: one Float64Array per indicator, all of the same length (the rows). */
export type Columns = readonly Float64Array[];

export const WEIGHTING_METHODS = ["entropy", "critic", "equal", "given"] as const;
export type WeightingMethod = (typeof WEIGHTING_METHODS)[number];
