// Approval inbox: submitted data of regions below the approver; approve, or withdraw an approval.
import { type FormEvent, useState } from "react";
import { api } from "../api/client.ts";
import type { ApprovalItem, Items, Region } from "../api/types.ts";
import { RegionSelect } from "../components/region-select.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { errorMessage } from "../lib/api-error.ts";
import { useAsync } from "../lib/use-async.ts";

export function ApprovalsPage({ root }: { root: Region }) {
  const { t, lang } = useI18n();
  const inbox = useAsync(() => api.get<Items<ApprovalItem>>("/api/approvals/inbox"), []);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [region, setRegion] = useState<Region | null>(null);
  const [period, setPeriod] = useState(String(new Date().getFullYear() - 1));

  const act = async (
    action: "approve" | "unapprove",
    item: { regionCode: string; period: string | number; indicators?: string[] },
  ) => {
    setMessage(null);
    setError(null);
    try {
      await api.post(`/api/approvals/${action}`, {
        regionCode: item.regionCode,
        period: Number(item.period),
        ...(item.indicators && item.indicators.length > 0 ? { indicators: item.indicators } : {}),
      });
      setMessage(t("approvals.done"));
      inbox.reload();
    } catch (err) {
      setError(err);
    }
  };

  const manual = (e: FormEvent) => {
    e.preventDefault();
    if (region) void act("unapprove", { regionCode: region.code, period });
  };

  return (
    <div className="approvals-page">
      <section className="card">
        <h2>{t("approvals.inbox")}</h2>
        {inbox.error ? <div className="error">{errorMessage(inbox.error, lang)}</div> : null}
        {message ? (
          <div className="ok" role="status">
            {message}
          </div>
        ) : null}
        {error ? (
          <div className="error" role="alert">
            {errorMessage(error, lang)}
          </div>
        ) : null}
        {inbox.data && inbox.data.items.length === 0 ? (
          <div className="muted">{t("approvals.empty")}</div>
        ) : null}
        <div className="table-wrap">
          <table data-testid="inbox-table">
            <thead>
              <tr>
                <th>{t("common.region")}</th>
                <th>{t("common.period")}</th>
                <th>{t("approvals.count")}</th>
                <th>{t("approvals.submittedBy")}</th>
                <th>{t("approvals.submittedAt")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(inbox.data?.items ?? []).map((it) => (
                <tr
                  key={`${it.regionCode}-${it.period}-${(it.indicators ?? []).join(",")}`}
                  data-region={it.regionCode}
                >
                  <td>
                    {it.regionName ?? ""}（{it.regionCode}）
                  </td>
                  <td>{String(it.period)}</td>
                  <td className="num">{it.count ?? it.indicators?.length ?? "—"}</td>
                  <td>{it.submittedBy ?? "—"}</td>
                  <td>{it.submittedAt ? it.submittedAt.slice(0, 19).replace("T", " ") : "—"}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="primary"
                      onClick={() => act("approve", it)}
                      data-testid="approve"
                    >
                      {t("approvals.approve")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <form className="card" onSubmit={manual}>
        <h3>{t("approvals.manual")}</h3>
        <div className="row wrap">
          <RegionSelect root={root} value={region} onChange={setRegion} />
          <label>
            {t("data.period")}
            <input value={period} onChange={(e) => setPeriod(e.target.value)} size={6} pattern="\d{4}" />
          </label>
          <button type="submit" disabled={!region} data-testid="unapprove">
            {t("approvals.unapprove")}
          </button>
        </div>
      </form>
    </div>
  );
}
