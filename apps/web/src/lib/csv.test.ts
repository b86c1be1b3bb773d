import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.ts";

describe("parseCsv", () => {
  it("reads quotes, doubled quotes, embedded commas and newlines", () => {
    const rows = parseCsv('a,b,c\n"x, y","say ""hi""","two\nlines"\n');
    expect(rows).toEqual([
      ["a", "b", "c"],
      ["x, y", 'say "hi"', "two\nlines"],
    ]);
  });

  it("strips a BOM, handles CRLF and a last line without newline, keeps codes as text", () => {
    const rows = parseCsv("\ufeffregion_code,value\r\n500235,12.5\r\n500101,");
    expect(rows).toEqual([
      ["region_code", "value"],
      ["500235", "12.5"],
      ["500101", ""],
    ]);
  });

  it("keeps blank lines so row numbers follow the file", () => {
    expect(parseCsv("h\n\nx\n")).toEqual([["h"], [""], ["x"]]);
  });
});
