// Warnings inbox: the early warnings of the plans (GET /api/warnings) filtered by status and plan; a warning
// opens with its evidence in words, the comments and the history, and can be assigned, commented on and
// closed (the server checks the role and audits each action).
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { loadIndicators } from "../api/cache.ts";
import { api } from "../api/client.ts";
import type { Items, MonitorWarning, PlanListItem, WarningStatus } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { errorMessage } from "../lib/api-error.ts";
import { useAsync } from "../lib/use-async.ts";
import { warningEvidenceLines, warningTypeKey } from "../lib/warning-evidence.ts";

const STATUSES: WarningStatus[] = ["open", "assigned", "closed"];
const STATUS_KEYS: Record<WarningStatus, MessageKey> = {
  open: "warn.status.open",
  assigned: "warn.status.assigned",
  closed: "warn.status.closed",
};
const ACTION_KEYS: Record<string, MessageKey> = {
  open: "warn.action.open",
  assign: "warn.action.assign",
  comment: "warn.action.comment",
  close: "warn.action.close",
  reopen: "warn.action.reopen",
};

const when = (iso: string | null | undefined) => (iso ? iso.slice(0, 16).replace("T", " ") : "—");

export function WarningsPage() {
  const { t, lang } = useI18n();
  const [statuses, setStatuses] = useState<Set<WarningStatus>>(new Set(["open", "assigned"]));
  const [planId, setPlanId] = useState("");
  const [pickedId, setPickedId] = useState<string | null>(null);
  const plans = useAsync(() => api.get<Items<PlanListItem>>("/api/plans"), []);
  const statusParam = STATUSES.filter((s) => statuses.has(s)).join(",");
  const list = useAsync(
    () =>
      statusParam === ""
        ? Promise.resolve({ items: [] as MonitorWarning[] })
        : api.get<Items<MonitorWarning>>("/api/warnings", { status: statusParam, plan: planId }),
    [statusParam, planId],
  );
  // acted-on warnings replace the listed ones until the list is loaded again
  const [updated, setUpdated] = useState<Map<string, MonitorWarning>>(new Map());
  useEffect(() => setUpdated(new Map()), [list.data]);
  const items = useMemo(
    () => (list.data?.items ?? []).map((w) => updated.get(w.id) ?? w),
    [list.data, updated],
  );
  const picked = items.find((w) => w.id === pickedId) ?? null;
  const targetNames = useAsync(async () => {
    const names = new Map<string, string>();
    const ids = [...new Set(items.map((w) => w.planId))];
    for (const id of ids) {
      try {
        const p = await api.get<{ plan: { targets: { id: string; name: string }[] } }>(
          `/api/plans/${encodeURIComponent(id)}`,
        );
        for (const x of p.plan?.targets ?? []) names.set(`${id}\u0000${x.id}`, x.name);
      } catch {
        // names are a convenience: the ids stay
      }
    }
    return names;
  }, [items.map((w) => w.planId).join(",")]);
  const targetName = (w: MonitorWarning) =>
    targetNames.data?.get(`${w.planId}\u0000${w.targetId}`) ?? w.targetId;

  const toggle = (s: WarningStatus) =>
    setStatuses((cur) => {
      const next = new Set(cur);
      if (next.has(s)) next.delete(s);
      else next.add(s);
      return next;
    });

  return (
    <div className="warnings-page">
      <section className="card">
        <h2>{t("warn.inbox")}</h2>
        <div className="row wrap">
          <fieldset className="status-filter" data-testid="warn-status-filter">
            <legend>{t("common.status")}</legend>
            {STATUSES.map((s) => (
              <label key={s} className="check">
                <input
                  type="checkbox"
                  checked={statuses.has(s)}
                  onChange={() => toggle(s)}
                  data-testid={`warn-filter-${s}`}
                />
                {t(STATUS_KEYS[s])}
              </label>
            ))}
          </fieldset>
          <label>
            {t("monitor.plan")}
            <select value={planId} onChange={(e) => setPlanId(e.target.value)} data-testid="warn-plan">
              <option value="">{t("monitor.all")}</option>
              {(plans.data?.items ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <span className="muted small" data-testid="warn-count">
            {t("common.total", { n: items.length })}
          </span>
        </div>
        {list.error ? <div className="error">{errorMessage(list.error, lang)}</div> : null}
      </section>
      <div className="warnings-main">
        <section className="card">
          {list.data && items.length === 0 ? <div className="muted">{t("warn.empty")}</div> : null}
          <div className="table-wrap warn-table-wrap">
            <table data-testid="warn-table">
              <thead>
                <tr>
                  <th>{t("warn.type")}</th>
                  <th>{t("common.region")}</th>
                  <th>{t("warn.target")}</th>
                  <th>{t("common.year")}</th>
                  <th>{t("common.status")}</th>
                  <th>{t("warn.assignee")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((w) => (
                  <tr
                    key={w.id}
                    className={`${w.id === pickedId ? "selected" : ""} sev-${w.severity}`}
                    data-type={w.type}
                    data-status={w.status}
                    data-id={w.id}
                    onClick={() => setPickedId(w.id)}
                    tabIndex={0}
                    onKeyDown={(e) => e.key === "Enter" && setPickedId(w.id)}
                  >
                    <td className="nowrap">
                      <span className={`sev sev-${w.severity}`}>
                        {w.severity === "alarm" ? "‼" : "!"}{" "}
                        {t(w.severity === "alarm" ? "warn.severity.alarm" : "warn.severity.warning")}
                      </span>{" "}
                      {t(warningTypeKey(w.type))}
                    </td>
                    <td>{w.regionName ?? w.region}</td>
                    <td>{targetName(w)}</td>
                    <td>{w.year}</td>
                    <td>{t(STATUS_KEYS[w.status] ?? "warn.status.open")}</td>
                    <td>{w.assignee ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section className="card warn-detail" data-testid="warn-detail">
          {picked ? (
            <WarningDetail
              warning={picked}
              targetName={targetName(picked)}
              onChange={(w) => setUpdated((m) => new Map(m).set(w.id, w))}
            />
          ) : (
            <div className="muted small">{t("warn.select")}</div>
          )}
        </section>
      </div>
    </div>
  );
}

function WarningDetail({
  warning: w,
  targetName,
  onChange,
}: {
  warning: MonitorWarning;
  targetName: string;
  onChange: (w: MonitorWarning) => void;
}) {
  const { t, lang, name } = useI18n();
  const indicators = useAsync(() => loadIndicators(), []);
  const ind = indicators.data?.find((i) => i.code === w.indicator);
  const lines = warningEvidenceLines(w, { lang, unit: ind?.unit ?? null });
  const [assignee, setAssignee] = useState(w.assignee ?? "");
  const [comment, setComment] = useState("");
  const [resolution, setResolution] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // assignee suggestions for admins (GET /api/users is admin-only; others type a name)
  const users = useAsync(
    () => api.get<Items<{ username: string; displayName?: string | null }>>("/api/users").catch(() => null),
    [],
  );

  useEffect(() => {
    setAssignee(w.assignee ?? "");
    setMessage(null);
    setError(null);
  }, [w.id]);

  const act = async (action: "assign" | "comment" | "close", body: Record<string, string>) => {
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      const res = await api.post<MonitorWarning>(`/api/warnings/${encodeURIComponent(w.id)}/${action}`, body);
      onChange({ ...w, ...res, regionName: res.regionName ?? w.regionName });
      setMessage(t("warn.done"));
      if (action === "comment") setComment("");
      if (action === "close") setResolution("");
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const closed = w.status === "closed";
  const submit = (action: "assign" | "comment" | "close") => (e: FormEvent) => {
    e.preventDefault();
    if (action === "assign" && assignee.trim() !== "") void act("assign", { assignee: assignee.trim() });
    if (action === "comment" && comment.trim() !== "") void act("comment", { text: comment.trim() });
    if (action === "close") void act("close", resolution.trim() ? { resolution: resolution.trim() } : {});
  };

  return (
    <div className="warning-detail">
      <h2>
        {t(warningTypeKey(w.type))} · {w.regionName ?? w.region}
      </h2>
      <div className="muted small">
        {targetName} · {ind ? name(ind) : w.indicator} · {w.year} · {t(STATUS_KEYS[w.status])}
        {w.assignee ? ` · ${t("warn.assignee")} ${w.assignee}` : ""}
      </div>
      <h3>{t("warn.evidence")}</h3>
      <ul className="evidence" data-testid="warn-evidence">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      {w.resolution ? <div className="ok">{t("warn.resolutionShown", { text: w.resolution })}</div> : null}
      <details>
        <summary className="small muted">{t("warn.message")}</summary>
        <div className="small">{w.message}</div>
      </details>
      {message ? (
        <div className="ok" role="status">
          {message}
        </div>
      ) : null}
      {error ? (
        <div className="error" role="alert" data-testid="warn-error">
          {errorMessage(error, lang)}
        </div>
      ) : null}
      {!closed ? (
        <div className="warn-actions">
          <form className="row wrap" onSubmit={submit("assign")}>
            <label>
              {t("warn.assignTo")}
              <input
                name="assignee"
                value={assignee}
                list="warn-users"
                onChange={(e) => setAssignee(e.target.value)}
                data-testid="warn-assignee"
              />
            </label>
            <datalist id="warn-users">
              {(users.data?.items ?? []).map((u) => (
                <option key={u.username} value={u.username}>
                  {u.displayName ?? u.username}
                </option>
              ))}
            </datalist>
            <button type="submit" disabled={busy || assignee.trim() === ""} data-testid="warn-assign">
              {t("warn.assign")}
            </button>
          </form>
          <form className="row wrap" onSubmit={submit("comment")}>
            <label className="grow">
              {t("warn.commentText")}
              <textarea
                name="comment"
                rows={2}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                data-testid="warn-comment-text"
              />
            </label>
            <button type="submit" disabled={busy || comment.trim() === ""} data-testid="warn-comment">
              {t("warn.comment")}
            </button>
          </form>
          <form className="row wrap" onSubmit={submit("close")}>
            <label className="grow">
              {t("warn.resolution")}
              <input
                name="resolution"
                value={resolution}
                onChange={(e) => setResolution(e.target.value)}
                data-testid="warn-resolution"
              />
            </label>
            <button type="submit" className="primary" disabled={busy} data-testid="warn-close">
              {t("warn.close")}
            </button>
          </form>
        </div>
      ) : null}
      <h3>{t("warn.comments")}</h3>
      {w.comments.length === 0 ? <div className="muted small">—</div> : null}
      <ul className="comments" data-testid="warn-comments">
        {w.comments.map((c, i) => (
          <li key={`${c.at}-${i}`}>
            <span className="muted small">
              {c.actor} · {when(c.at)}
            </span>
            <div>{c.text}</div>
          </li>
        ))}
      </ul>
      <h3>{t("warn.history")}</h3>
      <ul className="history small" data-testid="warn-history">
        {w.history.map((h, i) => (
          <li key={`${h.at}-${i}`}>
            {when(h.at)} · {h.actor} · {ACTION_KEYS[h.action] ? t(ACTION_KEYS[h.action]) : h.action}
            {h.assignee ? ` → ${h.assignee}` : ""}
            {h.text ? `：${h.text}` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
