import { describe, expect, it } from "vitest";
import { readTable } from "./read-table.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("readTable (CSV)", () => {
  // The unquoted fast path and the general parser must give the same rows and line numbers.
  it("reads plain and quoted files alike", async () => {
    const plain = "region_code,indicator,period,value\n500235, ECO-01 ,2020,1.5\n\n500236,ECO-01,2020,\n";
    const quoted =
      'region_code,indicator,period,value\n500235," ECO-01 ",2020,1.5\n\n"500236",ECO-01,2020,\n';
    const a = await readTable(bytes(plain), "a.csv");
    const b = await readTable(bytes(quoted), "b.csv");
    expect(a.header).toEqual(["region_code", "indicator", "period", "value"]);
    expect(a.rows).toEqual([
      { line: 2, cells: ["500235", "ECO-01", "2020", "1.5"] },
      { line: 4, cells: ["500236", "ECO-01", "2020", ""] },
    ]);
    expect(b.rows).toEqual(a.rows);
  });

  it("handles CRLF files and falls back on mixed line ends", async () => {
    const crlf = await readTable(bytes("a,b\r\n1,2\r\n3,4\r\n"), "c.csv");
    expect(crlf.rows).toEqual([
      { line: 2, cells: ["1", "2"] },
      { line: 3, cells: ["3", "4"] },
    ]);
    // Mixed line ends go to the general parser, which splits records on the first line end it sees (\r\n).
    const mixed = await readTable(bytes("a,b\r\n1,2\n3,4\r\n"), "m.csv");
    expect(mixed.rows.map((r) => r.cells)).toEqual([["1", "2\n3", "4"]]);
  });
});
