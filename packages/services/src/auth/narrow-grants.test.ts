import { describe, expect, it } from "vitest";
import { narrowGrants, roleWithin } from "./narrow-grants.ts";

describe("narrowGrants", () => {
  const owner = [
    { role: "data-entry" as const, regionCode: "500235" },
    { role: "viewer" as const, regionCode: "500101" },
  ];
  it("keeps the owner's grants when nothing narrows", () => {
    expect(narrowGrants(owner, null, null)).toEqual(owner);
  });
  it("narrows to a region inside a grant and drops grants it does not lie in", () => {
    expect(narrowGrants(owner, null, "500235100")).toEqual([{ role: "data-entry", regionCode: "500235100" }]);
    expect(narrowGrants(owner, null, "500000")).toEqual([]); // above every grant: nothing
  });
  it("a role may only drop permissions", () => {
    expect(narrowGrants(owner, "viewer", null)).toEqual([
      { role: "viewer", regionCode: "500235" },
      { role: "viewer", regionCode: "500101" },
    ]);
    expect(narrowGrants(owner, "admin", null)).toEqual([]);
    expect(narrowGrants(owner, "approver", null)).toEqual([]);
    expect(roleWithin("viewer", "analyst")).toBe(true);
    expect(roleWithin("analyst", "data-entry")).toBe(false);
  });
});
