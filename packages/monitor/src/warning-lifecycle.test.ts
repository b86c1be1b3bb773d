import { describe, expect, it } from "vitest";
import type { MonitorWarning } from "./types.ts";
import { assignWarning, closeWarning, commentWarning, reopenWarning } from "./warning-lifecycle.ts";

const opened: MonitorWarning = {
  id: "status_change:P:T1:500101:2018:off_track",
  type: "status_change",
  severity: "alarm",
  state: "open",
  planId: "P",
  targetId: "T1",
  indicator: "X",
  region: "500101",
  year: 2018,
  message: "m",
  evidence: {},
  assignee: null,
  resolution: null,
  comments: [],
  history: [{ action: "open", actor: "system", at: "2019-07-01" }],
};

describe("warning lifecycle", () => {
  it("open → assigned → commented → closed → reopened, each step recorded, inputs untouched", () => {
    const a = assignWarning(opened, { assignee: "zhang", actor: "li", at: "2019-07-02T09:00:00+08:00" });
    expect(a.state).toBe("assigned");
    expect(a.assignee).toBe("zhang");
    expect(opened.state).toBe("open");
    const c = commentWarning(a, { text: "区统计局已核实", actor: "zhang", at: "2019-07-03" });
    expect(c.comments).toEqual([{ actor: "zhang", at: "2019-07-03", text: "区统计局已核实" }]);
    const r = assignWarning(c, { assignee: "wang", actor: "li", at: "2019-07-04" });
    expect(r.assignee).toBe("wang");
    const x = closeWarning(r, { actor: "wang", at: "2019-07-05", resolution: "数据已更正" });
    expect(x.state).toBe("closed");
    expect(x.resolution).toBe("数据已更正");
    expect(x.history.map((h) => h.action)).toEqual(["open", "assign", "comment", "assign", "close"]);
    const o = reopenWarning(x, { actor: "li", at: "2019-08-01", reason: "再次出现" });
    expect(o).toMatchObject({ state: "open", assignee: null, resolution: null });
    expect(o.history).toHaveLength(6);
  });

  it("refuses transitions that the state does not allow", () => {
    const closed = closeWarning(opened, { actor: "li", at: "2019-07-02" });
    expect(() => commentWarning(closed, { text: "x", actor: "li", at: "2019-07-03" })).toThrow(
      expect.objectContaining({ code: "invalid_state" }),
    );
    expect(() => closeWarning(closed, { actor: "li", at: "2019-07-03" })).toThrow(
      expect.objectContaining({ code: "invalid_state" }),
    );
    expect(() => assignWarning(closed, { assignee: "a", actor: "li", at: "2019-07-03" })).toThrow(
      expect.objectContaining({ code: "invalid_state" }),
    );
    expect(() => reopenWarning(opened, { actor: "li", at: "2019-07-03" })).toThrow(
      expect.objectContaining({ code: "invalid_state" }),
    );
  });

  it("requires an actor, an ISO time not before the last event, and content", () => {
    expect(() => assignWarning(opened, { assignee: "a", actor: " ", at: "2019-07-02" })).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
    expect(() => assignWarning(opened, { assignee: "a", actor: "li", at: "yesterday" })).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
    expect(() => assignWarning(opened, { assignee: "a", actor: "li", at: "2019-06-30" })).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
    expect(() => assignWarning(opened, { assignee: "", actor: "li", at: "2019-07-02" })).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
    expect(() => commentWarning(opened, { text: "  ", actor: "li", at: "2019-07-02" })).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
  });
});
