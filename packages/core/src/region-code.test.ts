import { describe, expect, it } from "vitest";
import { parentCodeOf, parseRegionCode } from "./region-code.ts";
import { isStrictlyBelow, isWithin, subtreePrefix } from "./scope.ts";

describe("parseRegionCode", () => {
  it("normalises every common form to the canonical code and level", () => {
    expect(parseRegionCode("50")).toEqual({ code: "500000", level: "province", statCode: "500000000000" });
    expect(parseRegionCode("500000000000").code).toBe("500000");
    expect(parseRegionCode("5001")).toMatchObject({ code: "500100", level: "prefecture" });
    expect(parseRegionCode(500235)).toMatchObject({ code: "500235", level: "county" });
    expect(parseRegionCode("500235000000")).toMatchObject({ code: "500235", level: "county" });
    expect(parseRegionCode("500235100")).toMatchObject({ code: "500235100", level: "township" });
    expect(parseRegionCode("500235100000")).toMatchObject({ code: "500235100", level: "township" });
    expect(parseRegionCode("500235100201")).toMatchObject({ code: "500235100201", level: "village" });
  });

  it("rejects malformed codes with invalid_region_code", () => {
    for (const bad of ["", "5", "50023", "abc123", "5002351002011", "000000"]) {
      expect(() => parseRegionCode(bad)).toThrowError(
        expect.objectContaining({ code: "invalid_region_code" }),
      );
    }
  });

  it("derives the parent from the code", () => {
    expect(parentCodeOf("500235100201")).toBe("500235100");
    expect(parentCodeOf("500235100")).toBe("500235");
    expect(parentCodeOf("500235")).toBe("500200");
    expect(parentCodeOf("500200")).toBe("500000");
    expect(parentCodeOf("500000")).toBeNull();
  });
});

describe("subtree scope by code prefix", () => {
  it("contains descendants and the region itself, not siblings", () => {
    expect(subtreePrefix("500000")).toBe("50");
    expect(subtreePrefix("500235")).toBe("500235");
    expect(isWithin("500235100201", "500235")).toBe(true);
    expect(isWithin("500235", "500235")).toBe(true);
    expect(isWithin("500101", "500235")).toBe(false);
    expect(isWithin("110101", "500000")).toBe(false);
    expect(isStrictlyBelow("500235", "500235")).toBe(false);
    expect(isStrictlyBelow("500235100", "500235")).toBe(true);
  });
});
