import { describe, expect, it } from "vitest";
import { safeFileName } from "./safe-file-name.ts";

describe("safeFileName", () => {
  it("keeps only the last path segment, without control characters or leading dots", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("..\\x.csv")).toBe("x.csv");
    expect(safeFileName("a\u0000b\r\n.csv")).toBe("ab.csv");
    expect(safeFileName("..")).toBe("upload");
    expect(safeFileName(undefined)).toBe("upload");
    expect(safeFileName("云阳县2020.xlsx")).toBe("云阳县2020.xlsx");
    expect(safeFileName("x".repeat(500)).length).toBe(200);
  });
});
