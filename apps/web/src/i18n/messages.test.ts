import { describe, expect, it } from "vitest";
import { en, interpolate, translate, zh } from "./messages.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("messages", () => {
  it("has every key in both languages, none empty, with the same placeholders", () => {
    const zk = Object.keys(zh).sort();
    const ek = Object.keys(en).sort();
    expect(ek).toEqual(zk);
    for (const k of zk) {
      const z = zh[k as keyof typeof zh];
      const e = en[k as keyof typeof en];
      expect(z.trim(), k).not.toBe("");
      expect(e.trim(), k).not.toBe("");
      expect(placeholders(e), k).toEqual(placeholders(z));
    }
  });

  it("is Chinese in zh and not in en for visible labels", () => {
    const han = /[\u4e00-\u9fff]/;
    for (const k of ["nav.map", "auth.login", "map.legend", "eval.ranking"] as const) {
      expect(zh[k]).toMatch(han);
      expect(en[k]).not.toMatch(han);
    }
  });

  it("interpolates placeholders", () => {
    expect(translate("zh", "common.total", { n: 3 })).toBe("共 3 条");
    expect(translate("en", "import.rejected", { n: 1 })).toBe(
      "Import rejected: 1 errors. Nothing was written.",
    );
    expect(interpolate("{a}-{b}", { a: 1 })).toBe("1-{b}");
  });
});
