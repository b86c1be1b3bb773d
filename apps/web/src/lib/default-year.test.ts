import { describe, expect, it } from "vitest";
import { defaultYear } from "./default-year.ts";

describe("defaultYear", () => {
  it("skips a sparse latest year", () => {
    expect(
      defaultYear(
        new Map([
          [2019, 38],
          [2020, 37],
          [2025, 1],
        ]),
      ),
    ).toBe(2020);
  });
  it("takes the latest well-covered year and null without values", () => {
    expect(
      defaultYear(
        new Map([
          [2010, 10],
          [2011, 5],
        ]),
      ),
    ).toBe(2011);
    expect(defaultYear(new Map([[2010, 0]]))).toBeNull();
    expect(defaultYear(new Map())).toBeNull();
  });
});
