// Spatial weights built from the store's polygons and points.

export type { BuildWeightsOptions, BuiltWeights, WeightType } from "./build-weights.ts";
export { buildWeights, WEIGHT_TYPES } from "./build-weights.ts";
export { polygonCentroid } from "./polygon-centroid.ts";
