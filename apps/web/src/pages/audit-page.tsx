// Audit log for admins of a subtree: who did what and when, with before/after shown as (escaped) JSON text.
import { type FormEvent, useState } from "react";
import { api, type Query } from "../api/client.ts";
import type { AuditEntry, Items } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { errorMessage } from "../lib/api-error.ts";
import { useAsync } from "../lib/use-async.ts";

function short(v: unknown): string {
  if (v === undefined || v === null) return "";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

export function AuditPage() {
  const { t, lang } = useI18n();
  const [form, setForm] = useState({ actor: "", action: "", region: "", from: "", to: "" });
  const [query, setQuery] = useState<Query>({});
  const audit = useAsync(() => api.get<Items<AuditEntry>>("/api/audit", query), [JSON.stringify(query)]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...form });
  };

  return (
    <div className="audit-page">
      <form className="card row wrap" onSubmit={submit}>
        <h2>{t("audit.title")}</h2>
        <label>
          {t("audit.actor")}
          <input
            value={form.actor}
            onChange={(e) => setForm({ ...form, actor: e.target.value })}
            name="actor"
          />
        </label>
        <label>
          {t("audit.action")}
          <input
            value={form.action}
            onChange={(e) => setForm({ ...form, action: e.target.value })}
            name="action"
          />
        </label>
        <label>
          {t("common.region")}
          <input
            value={form.region}
            onChange={(e) => setForm({ ...form, region: e.target.value })}
            name="region"
            size={12}
          />
        </label>
        <label>
          {t("common.from")}
          <input type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        </label>
        <label>
          {t("common.to")}
          <input type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </label>
        <button type="submit" className="primary">
          {t("common.search")}
        </button>
      </form>
      <section className="card">
        {audit.error ? <div className="error">{errorMessage(audit.error, lang)}</div> : null}
        {audit.data ? (
          <div className="muted small">
            {t("common.total", { n: audit.data.total ?? audit.data.items.length })}
          </div>
        ) : null}
        <div className="table-wrap">
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th>{t("audit.at")}</th>
                <th>{t("audit.actor")}</th>
                <th>{t("audit.action")}</th>
                <th>{t("audit.target")}</th>
                <th>{t("audit.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {(audit.data?.items ?? []).map((a, i) => (
                <tr key={String(a.id ?? i)}>
                  <td className="nowrap">{(a.at ?? a.time ?? "").slice(0, 19).replace("T", " ")}</td>
                  <td>{a.actor ?? "—"}</td>
                  <td>{a.action}</td>
                  <td>
                    {a.target ?? [a.targetType, a.targetId].filter(Boolean).join(" ")}
                    {a.regionCode ? <div className="muted small">{a.regionCode}</div> : null}
                  </td>
                  <td className="mono small">
                    {a.before !== undefined && a.before !== null ? <div>− {short(a.before)}</div> : null}
                    {a.after !== undefined && a.after !== null ? <div>+ {short(a.after)}</div> : null}
                    {a.details !== undefined && a.details !== null ? <div>{short(a.details)}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
