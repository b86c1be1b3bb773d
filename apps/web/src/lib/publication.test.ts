import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error.ts";
import { messagePart, publicationRefusal } from "./publication.ts";

describe("messagePart", () => {
  it("picks the language's half of a bilingual server message", () => {
    const m = "评价运行 r1 已发布 / run r1 is already published";
    expect(messagePart(m, "zh")).toBe("评价运行 r1 已发布");
    expect(messagePart(m, "en")).toBe("run r1 is already published");
    expect(messagePart("a / b", "zh")).toBe("a / b");
    expect(messagePart("plain", "en")).toBe("plain");
  });
});

describe("publicationRefusal", () => {
  it("explains data that are not approved, with the counts and a sample", () => {
    const err = new ApiError(
      409,
      "invalid_state",
      "评价所用数据中有 3 条尚未审核通过，不能发布 / 3 of the 120 …",
      {
        id: "r1",
        notApproved: 3,
        observations: 120,
        byStatus: { draft: 2, submitted: 1, approved: 117, locked: 0 },
        sample: [
          { regionCode: "500235", indicator: "ECO-01", period: 2020, status: "draft" },
          { regionCode: "500101", indicator: "POP-01", period: 2019, status: "submitted" },
        ],
      },
    );
    expect(publicationRefusal(err, "zh", "publish")).toEqual({
      summary: "评价所用 120 条数据中有 3 条尚未审核通过（草稿 2 条，已提交 1 条），不能发布",
      lines: ["500235 · ECO-01 · 2020 年：草稿", "500101 · POP-01 · 2019 年：已提交", "另有 1 条"],
    });
    expect(publicationRefusal(err, "en", "publish").summary).toBe(
      "3 of the 120 observations this run used are not approved (2 draft, 1 submitted), so it cannot be published",
    );
  });

  it("tells changed data, already published and not published apart", () => {
    const changed = new ApiError(
      409,
      "invalid_state",
      "评价所用数据在运行后已改变，请重新运行评价再发布 / the data changed since this run: run the evaluation again",
      { id: "r1" },
    );
    expect(publicationRefusal(changed, "en", "publish").summary).toBe(
      "The data changed since this run: run the evaluation again and publish the new run",
    );
    const already = new ApiError(
      409,
      "invalid_state",
      "评价运行 r1 已发布 / run r1 is already published",
      {},
    );
    expect(publicationRefusal(already, "zh", "publish").summary).toBe("该评价已发布");
    const notPub = new ApiError(409, "invalid_state", "评价运行 r1 未发布 / run r1 is not published", {});
    expect(publicationRefusal(notPub, "en", "unpublish").summary).toBe("This run is not published");
    const other = new ApiError(409, "invalid_state", "run r1 has status failed and cannot be published", {});
    expect(publicationRefusal(other, "zh", "publish").summary).toBe(
      "run r1 has status failed and cannot be published",
    );
  });

  it("falls back to the error code's text", () => {
    expect(publicationRefusal(new ApiError(403, "forbidden", "no"), "zh", "unpublish").summary).toBe(
      "没有权限执行此操作",
    );
    expect(publicationRefusal(new Error("x"), "en", "publish").summary).toBe("Unknown error");
  });
});
