import { describe, expect, it } from "vitest";
import { featuresBBox } from "./bbox.ts";

describe("featuresBBox", () => {
  it("spans polygons and points together", () => {
    const fc: GeoJSON.FeatureCollection = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [108.9, 30.9] } },
        {
          type: "Feature",
          properties: {},
          geometry: {
            type: "MultiPolygon",
            coordinates: [
              [
                [
                  [106, 29],
                  [107, 29],
                  [107, 30],
                  [106, 29],
                ],
              ],
            ],
          },
        },
      ],
    };
    expect(featuresBBox(fc)).toEqual([106, 29, 108.9, 30.9]);
  });

  it("is null without coordinates", () => {
    expect(featuresBBox({ type: "FeatureCollection", features: [] })).toBeNull();
    expect(featuresBBox(null)).toBeNull();
  });
});
