// Urban vs rural per-capita disposable income of one region over the years, the urban/rural ratio on a
// second axis, and the urban-rural Theil index computed by POST /api/analyses (method urban-rural-theil).
import { useMemo, useState } from "react";
import { loadIndicators } from "../api/cache.ts";
import { api } from "../api/client.ts";
import type { Region } from "../api/types.ts";
import { EChart, type EChartOption } from "../components/echart.tsx";
import { RegionSelect } from "../components/region-select.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { ApiError, errorMessage } from "../lib/api-error.ts";
import { periodYear } from "../lib/levels.ts";
import { getObservations } from "../lib/observations.ts";
import { pickPairIndicators } from "../lib/pick-indicators.ts";
import { useAsync } from "../lib/use-async.ts";

interface YearRow {
  year: number;
  ui: number | null;
  ri: number | null;
  up: number | null;
  rp: number | null;
  /** urbanisation rate (%), the fallback for the population shares */
  rate: number | null;
}

interface TheilEnvelope {
  result?: { rows?: { id: string | number; theil: number | null; income_ratio: number | null }[] };
  error?: { code: string; message: string };
}

export function PairPage({ root, focus }: { root: Region; focus: Region | null }) {
  const { t, lang, fmt, name } = useI18n();
  const [region, setRegion] = useState<Region>(focus ?? root);
  const indicators = useAsync(() => loadIndicators(), []);
  const pick = useMemo(
    () => (indicators.data ? pickPairIndicators(indicators.data) : null),
    [indicators.data],
  );
  const codes = pick
    ? [pick.urbanIncome, pick.ruralIncome, pick.urbanPopulation, pick.ruralPopulation, pick.urbanisationRate]
        .filter((x) => x !== null)
        .map((x) => x.code)
    : [];

  const obs = useAsync(
    () =>
      codes.length > 0
        ? getObservations({
            region: region.code,
            level: region.level,
            indicators: codes,
          })
        : null,
    [region.code, region.level, codes.join(",")],
  );

  const rows = useMemo<YearRow[]>(() => {
    if (!pick) return [];
    const m = new Map<number, YearRow>();
    for (const o of obs.data?.items ?? []) {
      const y = periodYear(o.period);
      if (y === null || o.regionCode !== region.code) continue;
      let r = m.get(y);
      if (!r) {
        r = { year: y, ui: null, ri: null, up: null, rp: null, rate: null };
        m.set(y, r);
      }
      const v = typeof o.value === "number" && Number.isFinite(o.value) ? o.value : null;
      if (o.indicator === pick.urbanIncome?.code) r.ui = v;
      else if (o.indicator === pick.ruralIncome?.code) r.ri = v;
      else if (o.indicator === pick.urbanPopulation?.code) r.up = v;
      else if (o.indicator === pick.ruralPopulation?.code) r.rp = v;
      if (o.indicator === pick.urbanisationRate?.code) r.rate = v;
    }
    return [...m.values()].filter((r) => r.ui !== null || r.ri !== null).sort((a, b) => a.year - b.year);
  }, [obs.data, pick, region.code]);

  // Population shares: urban and rural resident population where both are stored, else the urbanisation rate
  // (P_u = r, P_r = 100 − r), as the evaluation engine does. One basis for the whole series, so years compare.
  const byPopulation = rows.filter((r) => r.ui !== null && r.ri !== null && r.up !== null && r.rp !== null);
  const byRate = rows.filter(
    (r) => r.ui !== null && r.ri !== null && r.rate !== null && r.rate >= 0 && r.rate <= 100,
  );
  const useRate = byRate.length > byPopulation.length;
  const theilRows = (useRate ? byRate : byPopulation).map((r) =>
    useRate ? { ...r, up: r.rate as number, rp: 100 - (r.rate as number) } : r,
  );
  const theil = useAsync(
    () =>
      theilRows.length > 0
        ? api
            .post<TheilEnvelope>("/api/analyses", {
              spec_version: 1,
              method: "urban-rural-theil",
              params: {
                urban_income: "ui",
                rural_income: "ri",
                urban_population: "up",
                rural_population: "rp",
                missing: "drop",
              },
              data: {
                rows: theilRows.map((r) => ({ id: String(r.year), ui: r.ui, ri: r.ri, up: r.up, rp: r.rp })),
              },
            })
            .then((env) => {
              if (env.error) throw new ApiError(400, env.error.code, env.error.message);
              return env.result?.rows ?? [];
            })
        : null,
    [theilRows.map((r) => `${r.year}:${r.ui}:${r.ri}:${r.up}:${r.rp}`).join("|")],
  );
  const theilByYear = new Map((theil.data ?? []).map((r) => [Number(r.id), r.theil]));

  const ratio = (r: YearRow) => (r.ui !== null && r.ri !== null && r.ri > 0 ? r.ui / r.ri : null);
  const incomeUnit = pick?.urbanIncome?.unit ?? "元";
  const incomeOption = useMemo<EChartOption>(
    () => ({
      grid: { left: 72, right: 64, top: 40, bottom: 28 },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: rows.map((r) => String(r.year)) },
      yAxis: [
        { type: "value", name: fmt(1, incomeUnit).replace(/^1\s?/, "") },
        { type: "value", name: t("pair.ratioUnit"), scale: true, splitLine: { show: false } },
      ],
      series: [
        { type: "bar", name: t("pair.urban"), data: rows.map((r) => r.ui), itemStyle: { color: "#2c7fb8" } },
        { type: "bar", name: t("pair.rural"), data: rows.map((r) => r.ri), itemStyle: { color: "#7fcdbb" } },
        {
          type: "line",
          name: t("pair.ratio"),
          yAxisIndex: 1,
          data: rows.map((r) => {
            const x = ratio(r);
            return x === null ? null : Number(x.toFixed(4));
          }),
          itemStyle: { color: "#d7301f" },
        },
      ],
    }),
    [rows, incomeUnit, fmt, t],
  );
  const theilOption = useMemo<EChartOption>(
    () => ({
      grid: { left: 72, right: 24, top: 24, bottom: 28 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: (theil.data ?? []).map((r) => String(r.id)) },
      yAxis: { type: "value", scale: true },
      series: [
        {
          type: "line",
          name: t("pair.theil"),
          data: (theil.data ?? []).map((r) => r.theil),
          itemStyle: { color: "#756bb1" },
        },
      ],
    }),
    [theil.data, t],
  );

  // the latest year with both incomes (a newly entered urban value alone must not blank the ratio)
  const last = [...rows].reverse().find((r) => r.ui !== null && r.ri !== null) ?? rows[rows.length - 1];
  const error = indicators.error ?? obs.error;

  return (
    <div className="pair-page">
      <section className="card row wrap">
        <h2>{t("pair.title")}</h2>
        <RegionSelect root={root} value={region} onChange={setRegion} testId="pair-region" />
      </section>
      {error ? <div className="error">{errorMessage(error, lang)}</div> : null}
      {pick && (!pick.urbanIncome || !pick.ruralIncome) ? (
        <div className="notice">{t("pair.noIndicators")}</div>
      ) : null}
      {last ? (
        <section className="card stats">
          <div>
            <div className="muted">{t("pair.latest", { year: last.year })}</div>
          </div>
          <div>
            <div className="muted">{pick?.urbanIncome ? name(pick.urbanIncome) : t("pair.urban")}</div>
            <div className="big-value">{fmt(last.ui, incomeUnit)}</div>
          </div>
          <div>
            <div className="muted">{pick?.ruralIncome ? name(pick.ruralIncome) : t("pair.rural")}</div>
            <div className="big-value">{fmt(last.ri, pick?.ruralIncome?.unit ?? incomeUnit)}</div>
          </div>
          <div>
            <div className="muted">{t("pair.ratio")}</div>
            <div className="big-value" data-testid="pair-ratio">
              {fmt(ratio(last), "", { digits: 2 })} <span className="small muted">{t("pair.ratioUnit")}</span>
            </div>
          </div>
          <div>
            <div className="muted">{t("pair.theil")}</div>
            <div className="big-value" data-testid="pair-theil">
              {fmt(theilByYear.get(last.year) ?? null, "", { digits: 4 })}
            </div>
          </div>
        </section>
      ) : obs.loading || indicators.loading ? (
        <div className="muted">{t("common.loading")}</div>
      ) : (
        <div className="notice">{t("common.noData")}</div>
      )}
      {rows.length > 0 ? (
        <section className="card">
          <EChart option={incomeOption} height={320} testId="pair-chart" />
        </section>
      ) : null}
      <section className="card">
        <h3>
          {t("pair.theil")}{" "}
          {theilRows.length > 0 ? (
            <span className="muted small">{t(useRate ? "pair.basisRate" : "pair.basisPopulation")}</span>
          ) : null}
        </h3>
        {theil.error ? <div className="error">{errorMessage(theil.error, lang)}</div> : null}
        {(theil.data ?? []).length > 0 ? (
          <EChart option={theilOption} height={220} testId="theil-chart" />
        ) : (
          <div className="muted small">{theil.loading ? t("common.loading") : t("pair.noTheil")}</div>
        )}
      </section>
    </div>
  );
}
