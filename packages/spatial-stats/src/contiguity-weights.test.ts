import type { Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { contiguityWeights, type PolygonFeature } from "./contiguity-weights.ts";

const square = (x: number, y: number, size = 1, extra: Position[] = []): Polygon => ({
  type: "Polygon",
  coordinates: [[[x, y], [x + size, y], ...extra, [x + size, y + size], [x, y + size], [x, y]]],
});

/** 3 × 3 unit squares, ids "r-c", as separate polygons sharing exact vertices */
const grid: PolygonFeature[] = [];
for (let r = 0; r < 3; r++)
  for (let c = 0; c < 3; c++)
    grid.push({ id: `${r}-${c}`, geometry: square(110 + c * 0.01, 30 + r * 0.01, 0.01) });

describe("contiguityWeights", () => {
  it("queen and rook on a lattice with shared vertices", () => {
    const queen = contiguityWeights(grid, { rule: "queen" });
    const rook = contiguityWeights(grid, { rule: "rook" });
    expect(queen.style).toBe("W");
    expect(queen.neighbors["1-1"]).toEqual(["0-0", "0-1", "0-2", "1-0", "1-2", "2-0", "2-1", "2-2"]);
    expect(rook.neighbors["1-1"]).toEqual(["0-1", "1-0", "1-2", "2-1"]);
    expect(queen.neighbors["0-0"]).toEqual(["0-1", "1-0", "1-1"]);
    expect(rook.neighbors["0-0"]).toEqual(["0-1", "1-0"]);
    expect(queen.islands).toEqual([]);
    // symmetric
    for (const [id, list] of Object.entries(queen.neighbors))
      for (const nb of list) expect(queen.neighbors[nb]).toContain(id);
  });

  it("rook still links squares when one side of the shared edge has an extra midpoint vertex", () => {
    const fs: PolygonFeature[] = [
      { id: "A", geometry: square(0, 0) },
      // B's left edge runs (1,1) → (1,0.5) → (1,0): ring listed counter-clockwise with a midpoint
      {
        id: "B",
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [1, 0],
              [2, 0],
              [2, 1],
              [1, 1],
              [1, 0.5],
              [1, 0],
            ],
          ],
        },
      },
    ];
    expect(contiguityWeights(fs, { rule: "rook" }).neighbors).toEqual({ A: ["B"], B: ["A"] });
    expect(contiguityWeights(fs, { rule: "queen" }).neighbors).toEqual({ A: ["B"], B: ["A"] });
  });

  it("boundaries digitised with different vertices, within the tolerance", () => {
    const tol = 1e-5;
    const fs: PolygonFeature[] = [
      {
        id: "A",
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
              [0, 0],
            ],
          ],
        },
      },
      // B's left edge is 4e−6° off A's right edge and its vertices sit at other places along it
      {
        id: "B",
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [1.000004, -0.2],
              [2, -0.2],
              [2, 1.3],
              [1.000004, 1.3],
              [1.000004, 0.37],
              [1.000004, -0.2],
            ],
          ],
        },
      },
      // C is 0.001° away from B: no contact
      { id: "C", geometry: square(2.001, 0) },
    ];
    const rook = contiguityWeights(fs, { rule: "rook", snapToleranceDeg: tol });
    expect(rook.neighbors).toEqual({ A: ["B"], B: ["A"], C: [] });
    expect(rook.islands).toEqual(["C"]);
    // with a tolerance smaller than the offset they are apart
    expect(contiguityWeights(fs, { rule: "rook", snapToleranceDeg: 1e-6 }).neighbors.A).toEqual([]);
    expect(contiguityWeights(fs, { rule: "queen", snapToleranceDeg: tol }).neighbors.A).toEqual(["B"]);
  });

  it("a corner touch is queen, not rook; a T-junction on an edge is queen", () => {
    const fs: PolygonFeature[] = [
      { id: "A", geometry: square(0, 0) },
      { id: "D", geometry: square(1, 1) }, // touches A only at (1, 1)
      { id: "T", geometry: square(0.5, -1) }, // its top-left corner (0.5, 0) lies inside A's bottom edge? no: shares a segment
      {
        id: "P",
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [0.3, 1],
              [0.4, 2],
              [0.2, 2],
              [0.3, 1],
            ],
          ],
        },
      }, // apex on A's top edge
    ];
    const queen = contiguityWeights(fs, { rule: "queen" });
    const rook = contiguityWeights(fs, { rule: "rook" });
    expect(queen.neighbors.A).toEqual(["D", "T", "P"]);
    expect(rook.neighbors.A).toEqual(["T"]); // T shares A's bottom edge from x = 0.5 to 1
    expect(rook.neighbors.D).toEqual([]);
    expect(rook.neighbors.P).toEqual([]);
  });

  it("handles MultiPolygons, holes, unclosed rings and null geometries", () => {
    const fs: PolygonFeature[] = [
      {
        id: 1,
        geometry: {
          type: "MultiPolygon",
          coordinates: [
            [
              [
                [0, 0],
                [3, 0],
                [3, 3],
                [0, 3],
                [0, 0],
              ],
              [
                [1, 1],
                [1, 2],
                [2, 2],
                [2, 1],
                [1, 1],
              ],
            ],
            [
              [
                [10, 10],
                [11, 10],
                [11, 11],
                [10, 11],
              ],
            ], // unclosed
          ],
        },
      },
      { id: 2, geometry: square(1, 1) }, // fills the hole
      { id: 3, geometry: square(11, 10) }, // next to the second part
      { id: 4, geometry: null },
    ];
    const rook = contiguityWeights(fs, { rule: "rook" });
    expect(rook.neighbors).toEqual({ "1": ["2", "3"], "2": ["1"], "3": ["1"], "4": [] });
    expect(rook.islands).toEqual(["4"]);
  });

  it("rejects duplicate ids, bad geometry types and bad tolerances", () => {
    expect(() =>
      contiguityWeights(
        [
          { id: "a", geometry: square(0, 0) },
          { id: "a", geometry: square(1, 0) },
        ],
        { rule: "queen" },
      ),
    ).toThrow(/more than once/);
    expect(() =>
      contiguityWeights([{ id: "a", geometry: { type: "Point", coordinates: [0, 0] } as never }], {
        rule: "queen",
      }),
    ).toThrow(/Polygon/);
    expect(() =>
      contiguityWeights([{ id: "a", geometry: square(0, 0) }], { rule: "queen", snapToleranceDeg: 0 }),
    ).toThrow(/positive/);
  });

  it("a larger lattice: every interior cell has 8 queen / 4 rook neighbours", () => {
    const side = 30;
    const fs: PolygonFeature[] = [];
    for (let r = 0; r < side; r++)
      for (let c = 0; c < side; c++)
        fs.push({ id: `${r}-${c}`, geometry: square(c * 0.001, r * 0.001, 0.001) });
    const queen = contiguityWeights(fs, { rule: "queen" });
    const rook = contiguityWeights(fs, { rule: "rook" });
    let q = 0;
    let k = 0;
    for (const id of queen.ids) {
      q += queen.neighbors[id].length;
      k += rook.neighbors[id].length;
    }
    // directed links: queen 2·(2·s·(s−1) + 2·(s−1)²), rook 2·2·s·(s−1)
    expect(q).toBe(2 * (2 * side * (side - 1) + 2 * (side - 1) ** 2));
    expect(k).toBe(4 * side * (side - 1));
  });
});
