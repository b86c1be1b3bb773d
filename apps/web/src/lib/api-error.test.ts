import { PLATFORM_ERROR_CODES } from "@ronghe/core";
import { describe, expect, it } from "vitest";
import { zh } from "../i18n/messages.ts";
import { ApiError, apiErrorFrom, errorMessage, rowReasonText } from "./api-error.ts";

describe("apiErrorFrom", () => {
  it("reads the API error body", () => {
    const e = apiErrorFrom(409, { error: { code: "invalid_state", message: "approved", details: { a: 1 } } });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(409);
    expect(e.code).toBe("invalid_state");
    expect(e.details).toEqual({ a: 1 });
  });

  it("falls back to a code derived from the status on odd bodies", () => {
    expect(apiErrorFrom(404, "<html>").code).toBe("not_found");
    expect(apiErrorFrom(502, null).code).toBe("internal");
    expect(apiErrorFrom(429, {}).code).toBe("throttled");
    expect(apiErrorFrom(418, { error: { code: 5 } }).code).toBe("unknown");
  });
});

describe("errorMessage", () => {
  it("maps every platform error code to its own text in both languages", () => {
    for (const code of PLATFORM_ERROR_CODES) {
      const e = new ApiError(400, code, "server text");
      const z = errorMessage(e, "zh");
      const en = errorMessage(e, "en");
      expect(z, code).toBe(zh[`err.${code}` as keyof typeof zh]);
      expect(z).not.toBe(errorMessage(new ApiError(400, "no_such_code", ""), "zh"));
      expect(en).not.toBe(z);
      expect(en).not.toBe("server text");
    }
  });

  it("treats 401 on login as wrong credentials and hides 5xx internals", () => {
    const e = new ApiError(401, "unauthenticated", "bad");
    expect(errorMessage(e, "zh", { login: true })).toBe("用户名或密码错误");
    expect(errorMessage(e, "zh")).toBe("请先登录");
    expect(errorMessage(new ApiError(500, "sql_boom", "SELECT * FROM secret"), "en")).toBe(
      "Internal server error",
    );
    expect(errorMessage(new TypeError("fetch failed"), "en")).toBe("Cannot reach the server");
    expect(errorMessage("??", "zh")).toBe("发生未知错误");
  });
});

describe("rowReasonText", () => {
  it("explains every import row reason of the data core in Chinese and English", async () => {
    const { ROW_REASONS } = await import("@ronghe/services").catch(() => ({ ROW_REASONS: null }));
    const reasons: readonly string[] = ROW_REASONS ?? ["non_numeric", "unknown_region", "unit_mismatch"];
    for (const r of reasons) {
      expect(rowReasonText(r, "zh"), r).toMatch(/[\u4e00-\u9fff]/);
      expect(rowReasonText(r, "en"), r).not.toBe(r);
    }
    expect(rowReasonText("something_new", "zh")).toBe("something_new");
  });
});
