// Hand-set region kinds (e.g. a 村委会 that the rules call 其他): a `code,kind` CSV/XLSX, applied with
// `kindOverridden` so later code-list imports keep them.
import { parseRegionCode, RongheError } from "@ronghe/core";
import type { RegionInput } from "@ronghe/store";
import { assertCan } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import { type ImportRowError, importRejected } from "./import-errors.ts";
import { halfWidthDigits } from "./numbers.ts";
import { readTable } from "./read-table.ts";

export interface KindOverride {
  code: string;
  kind: string;
}

export async function readKindOverrides(bytes: Uint8Array, fileName: string): Promise<KindOverride[]> {
  const table = await readTable(bytes, fileName);
  const header = table.header.map((h) => h.trim().toLowerCase());
  const codeAt = header.findIndex((h) => h === "code" || h === "region_code");
  const kindAt = header.indexOf("kind");
  if (codeAt < 0 || kindAt < 0) {
    throw new RongheError("wrong_header", `${fileName}: expected columns code,kind`, {
      file: fileName,
      row: table.headerLine,
      header: table.header,
    });
  }
  const errors: ImportRowError[] = [];
  const out: KindOverride[] = [];
  for (const { line, cells } of table.rows) {
    const raw = cells[codeAt] ?? "";
    const kind = (cells[kindAt] ?? "").trim();
    try {
      const code = parseRegionCode(halfWidthDigits(raw)).code;
      if (!kind)
        errors.push({
          file: fileName,
          row: line,
          column: table.header[kindAt],
          value: "",
          reason: "invalid_input",
          message: "kind is empty",
        });
      else out.push({ code, kind });
    } catch {
      errors.push({
        file: fileName,
        row: line,
        column: table.header[codeAt],
        value: raw,
        reason: "invalid_region_code",
      });
    }
  }
  if (errors.length) throw importRejected(fileName, errors);
  return out;
}

/** Sets kinds of regions already in the store. Unknown codes reject the whole list. */
export async function overrideRegionKinds(
  ctx: ServiceContext,
  overrides: readonly KindOverride[],
): Promise<{ updated: number }> {
  const codes = overrides.map((o) => o.code);
  const found = new Map((await ctx.store.getRegions(codes)).map((r) => [r.code, r]));
  const missing = codes.filter((c) => !found.has(c));
  if (missing.length)
    throw new RongheError("unknown_region", `${missing.length} region(s) not found`, {
      codes: missing.slice(0, 100),
    });
  const inputs: RegionInput[] = overrides.map((o) => {
    const r = found.get(o.code) as RegionInput;
    assertCan(ctx.actor, "write", o.code);
    return {
      code: r.code,
      statCode: r.statCode,
      parentCode: r.parentCode,
      level: r.level,
      name: r.name,
      kind: o.kind,
      kindOverridden: true,
    };
  });
  const counts = await ctx.store.upsertRegions(inputs);
  return { updated: counts.updated + counts.inserted };
}
