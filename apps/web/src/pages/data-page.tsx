// Data entry: values for one region and year, saved as new revisions (POST /api/observations), then submitted
// for approval. The table below shows what is stored for that region and year, with its approval status.
import { type FormEvent, useState } from "react";
import { loadIndicators } from "../api/cache.ts";
import { api } from "../api/client.ts";
import type { Region } from "../api/types.ts";
import { RegionSelect } from "../components/region-select.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { errorMessage } from "../lib/api-error.ts";
import { getObservations } from "../lib/observations.ts";
import { useAsync } from "../lib/use-async.ts";

interface EntryRow {
  indicator: string;
  value: string;
}

export function DataPage({ root, focus }: { root: Region; focus: Region | null }) {
  const { t, lang, fmt, name } = useI18n();
  const [region, setRegion] = useState<Region | null>(focus ?? root);
  const [period, setPeriod] = useState(String(new Date().getFullYear() - 1));
  const [rows, setRows] = useState<EntryRow[]>([{ indicator: "", value: "" }]);
  const [reason, setReason] = useState("");
  const [source, setSource] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const indicators = useAsync(() => loadIndicators(), []);
  const stored = useAsync(
    () =>
      region && /^\d{4}$/.test(period)
        ? getObservations({
            region: region.code,
            level: region.level,
            from: period,
            to: period,
          })
        : null,
    [region?.code, region?.level, period],
  );

  const unitOf = (code: string) => indicators.data?.find((i) => i.code === code)?.unit ?? "";
  const valid = rows.filter((r) => r.indicator !== "" && r.value.trim() !== "");

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!region) return;
    setError(null);
    setMessage(null);
    try {
      const items = valid.map((r) => ({
        regionCode: region.code,
        indicator: r.indicator,
        period: Number(period),
        value: Number(r.value.trim()),
        unit: unitOf(r.indicator) || undefined,
        source: source || undefined,
      }));
      if (items.some((i) => !Number.isFinite(i.value))) {
        setError(new Error("invalid"));
        setMessage(t("err.invalid_input"));
        return;
      }
      const res = await api.post<{ inserted: number; revised: number; unchanged: number }>(
        "/api/observations",
        { items, reason },
      );
      setMessage(t("data.saved", res));
      stored.reload();
    } catch (err) {
      setError(err);
    }
  };

  const submitForApproval = async () => {
    if (!region) return;
    setError(null);
    setMessage(null);
    try {
      await api.post("/api/approvals/submit", { regionCode: region.code, period: Number(period) });
      setMessage(t("data.submitted"));
      stored.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="data-page">
      <form className="card" onSubmit={save} data-testid="entry-form">
        <h2>{t("data.title")}</h2>
        <div className="row wrap">
          <div className="field">
            <span>{t("common.region")}</span>
            <RegionSelect root={root} value={region} onChange={setRegion} testId="entry-region" />
          </div>
          <label>
            {t("data.period")}
            <input
              name="period"
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
              pattern="\d{4}"
              size={6}
              required
            />
          </label>
        </div>
        <table className="entry-table">
          <thead>
            <tr>
              <th>{t("common.indicator")}</th>
              <th>{t("common.value")}</th>
              <th>{t("common.unit")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <select
                    name={`indicator-${i}`}
                    value={r.indicator}
                    onChange={(e) =>
                      setRows((old) => old.map((x, j) => (j === i ? { ...x, indicator: e.target.value } : x)))
                    }
                  >
                    <option value="">—</option>
                    {(indicators.data ?? []).map((ind) => (
                      <option key={ind.code} value={ind.code}>
                        {name(ind)}
                        {lang === "zh" ? `（${ind.code}）` : ` (${ind.code})`}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    name={`value-${i}`}
                    inputMode="decimal"
                    value={r.value}
                    onChange={(e) =>
                      setRows((old) => old.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))
                    }
                  />
                </td>
                <td className="muted">{fmt(1, unitOf(r.indicator)).replace(/^1\s?/, "")}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => setRows((old) => old.filter((_, j) => j !== i))}
                    disabled={rows.length === 1}
                  >
                    {t("common.remove")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setRows((old) => [...old, { indicator: "", value: "" }])}>
          {t("data.addRow")}
        </button>
        <div className="row wrap">
          <label className="grow">
            {t("data.reason")}
            <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
          </label>
          <label className="grow">
            {t("data.source")}
            <input name="source" value={source} onChange={(e) => setSource(e.target.value)} />
          </label>
        </div>
        <div className="row">
          <button
            type="submit"
            className="primary"
            disabled={!region || valid.length === 0}
            data-testid="entry-save"
          >
            {t("common.save")}
          </button>
          <button type="button" onClick={submitForApproval} disabled={!region} data-testid="entry-submit">
            {t("data.submitApproval")}
          </button>
        </div>
        {message && !error ? (
          <div className="ok" role="status">
            {message}
          </div>
        ) : null}
        {error ? (
          <div
            className="error"
            role="alert"
            data-testid="entry-error"
            data-code={(error as { code?: string }).code ?? ""}
          >
            {message ?? errorMessage(error, lang)}
          </div>
        ) : null}
      </form>
      <section className="card">
        <h3>
          {region?.name ?? ""} · {period}
        </h3>
        <div className="table-wrap">
          <table data-testid="stored-table">
            <thead>
              <tr>
                <th>{t("common.indicator")}</th>
                <th>{t("common.value")}</th>
                <th>{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {(stored.data?.items ?? [])
                .filter((o) => o.regionCode === region?.code)
                .map((o) => {
                  const ind = indicators.data?.find((i) => i.code === o.indicator);
                  return (
                    <tr key={`${o.indicator}-${o.period}`}>
                      <td>{ind ? name(ind) : o.indicator}</td>
                      <td className="num">{fmt(o.value, o.unit)}</td>
                      <td>{o.status ? t(`status.${o.status}` as MessageKey) : "—"}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
