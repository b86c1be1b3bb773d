// Monitoring board: a plan and an as-of year give a regions × targets grid coloured by status (colour and
// symbol), filtered by department and kind. A cell opens the target's detail: baseline, target, progress,
// projection with its method, the observations used (with revision and source ids) and a line of the series
// with the target. Loading the status as an analyst of the whole plan region records the run and its warnings
// on the server (as `ronghe monitor` does).
import { useEffect, useMemo, useState } from "react";
import { api } from "../api/client.ts";
import type { Items, PlanListItem, PlanStatus, PlanTargetSummary, TargetResult } from "../api/types.ts";
import { EChart, type EChartOption } from "../components/echart.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { errorMessage } from "../lib/api-error.ts";
import { formatNumber } from "../lib/format.ts";
import {
  cellKey,
  countStatuses,
  departmentsOf,
  filterTargets,
  formKey,
  indexResults,
  isGrowthForm,
  kindKey,
  niceAxisBounds,
  planYears,
  progressBarWidth,
  progressText,
  STATUS_ORDER,
  STATUS_STYLES,
  statusStyle,
  targetChartSeries,
} from "../lib/monitor-status.ts";
import { getObservations } from "../lib/observations.ts";
import { useAsync } from "../lib/use-async.ts";
import { projectionMethodText } from "../lib/warning-evidence.ts";

const ROLE_KEYS: Record<string, MessageKey> = {
  baseline: "monitor.role.baseline",
  latest: "monitor.role.latest",
  trend: "monitor.role.trend",
  sum: "monitor.role.sum",
  target_year: "monitor.role.target_year",
};

function useTargetText() {
  const { t, fmt, lang } = useI18n();
  return (target: Pick<PlanTargetSummary, "form" | "targetValue" | "unit">) =>
    t(formKey(target.form), {
      value: isGrowthForm(target.form)
        ? `${formatNumber(target.targetValue, lang)}%`
        : fmt(target.targetValue, target.unit),
    });
}

export function MonitorPage() {
  const { t, lang } = useI18n();
  const plans = useAsync(() => api.get<Items<PlanListItem>>("/api/plans"), []);
  const [planId, setPlanId] = useState<string | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [department, setDepartment] = useState("");
  const [kind, setKind] = useState("");
  const [picked, setPicked] = useState<{ targetId: string; region: string } | null>(null);
  const targetText = useTargetText();

  useEffect(() => {
    if (planId === null && plans.data && plans.data.items.length > 0) setPlanId(plans.data.items[0].id);
  }, [plans.data, planId]);

  const status = useAsync(
    () =>
      planId
        ? api.get<PlanStatus>(`/api/plans/${encodeURIComponent(planId)}/status`, year ? { year } : {})
        : null,
    [planId, year],
  );
  const view = status.data;
  const planItem = plans.data?.items.find((p) => p.id === planId) ?? null;
  const allTargets = view?.targets ?? [];
  const years = useMemo(() => planYears(allTargets), [allTargets]);
  const shownYear = view?.asOfYear ?? year;
  const departments = useMemo(() => {
    const d = departmentsOf(allTargets);
    for (const x of planItem?.departments ?? []) if (!d.includes(x)) d.push(x);
    return d;
  }, [allTargets, planItem]);
  const targets = useMemo(
    () => filterTargets(allTargets, { department, kind }),
    [allTargets, department, kind],
  );
  const cells = useMemo(() => indexResults(view?.results ?? []), [view]);
  const counts = useMemo(
    () => countStatuses(view?.results ?? [], new Set(targets.map((x) => x.id))),
    [view, targets],
  );
  // regions with at least one result among the shown targets, in the server's order
  const regions = useMemo(
    () => (view?.regions ?? []).filter((r) => targets.some((x) => cells.has(cellKey(x.id, r.code)))),
    [view, targets, cells],
  );
  const selected = picked ? (cells.get(cellKey(picked.targetId, picked.region)) ?? null) : null;
  const illustrative = view?.plan.illustrative ?? planItem?.illustrative ?? false;

  return (
    <div className="monitor-page">
      <section className="card monitor-controls">
        <div className="row wrap">
          <label>
            {t("monitor.plan")}
            <select
              value={planId ?? ""}
              onChange={(e) => {
                setPlanId(e.target.value || null);
                setYear(null);
                setPicked(null);
                setDepartment("");
              }}
              data-testid="monitor-plan"
            >
              {(plans.data?.items ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("monitor.asOfYear")}
            <select
              value={shownYear ?? ""}
              onChange={(e) => setYear(Number(e.target.value))}
              data-testid="monitor-year"
            >
              {shownYear !== null && !years.includes(shownYear) ? (
                <option value={shownYear}>{shownYear}</option>
              ) : null}
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("monitor.department")}
            <select
              value={department}
              onChange={(e) => setDepartment(e.target.value)}
              data-testid="monitor-department"
            >
              <option value="">{t("monitor.all")}</option>
              {departments.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("monitor.kind")}
            <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="monitor-kind">
              <option value="">{t("monitor.all")}</option>
              <option value="binding">{t("monitor.kind.binding")}</option>
              <option value="expected">{t("monitor.kind.expected")}</option>
            </select>
          </label>
          {view ? <span className="muted small">{t("monitor.asOf", { date: view.asOfDate })}</span> : null}
        </div>
        {plans.error ? <div className="error">{errorMessage(plans.error, lang)}</div> : null}
        {plans.data && plans.data.items.length === 0 ? (
          <div className="muted">{t("monitor.noPlans")}</div>
        ) : null}
        {illustrative ? (
          <div className="illustrative" role="note" data-testid="monitor-illustrative">
            ⚠ {t("monitor.illustrative")}
          </div>
        ) : null}
        {view?.scope === "partial" ? <div className="notice">{t("monitor.scopePartial")}</div> : null}
        {view?.recorded && view.warnings.opened.length + view.warnings.reopened.length > 0 ? (
          <div className="notice" data-testid="monitor-recorded">
            {t("monitor.recorded", {
              opened: view.warnings.opened.length,
              reopened: view.warnings.reopened.length,
            })}{" "}
            <a href="#/warnings">{t("nav.warnings")}</a>
          </div>
        ) : null}
        <StatusLegend counts={counts} />
      </section>

      <div className="monitor-main">
        <section className="card monitor-grid-card">
          <h2>
            {view?.plan.name ?? planItem?.name ?? ""}{" "}
            <span className="muted small">{t("monitor.targetsShown", { n: targets.length })}</span>
          </h2>
          {status.error ? <div className="error">{errorMessage(status.error, lang)}</div> : null}
          {status.loading && !view ? <div className="muted">{t("common.loading")}</div> : null}
          <div className="table-wrap monitor-grid-wrap">
            <table
              className="monitor-grid"
              data-testid="monitor-grid"
              data-year={view?.asOfYear ?? ""}
              data-loading={status.loading ? "true" : "false"}
            >
              <thead>
                <tr>
                  <th>{t("common.region")}</th>
                  {targets.map((x) => (
                    <th
                      key={x.id}
                      className="target-head"
                      title={`${x.id} · ${x.indicator}`}
                      data-target={x.id}
                    >
                      <div>{x.name}</div>
                      <div className="muted small">
                        {targetText(x)} · {x.targetYear} ·{" "}
                        <span className={`kind kind-${x.kind}`}>{t(kindKey(x.kind))}</span>
                      </div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {regions.map((r) => (
                  <tr key={r.code}>
                    <th scope="row" className="region-head">
                      {r.name}
                    </th>
                    {targets.map((x) => {
                      const c = cells.get(cellKey(x.id, r.code));
                      if (!c)
                        return (
                          <td key={x.id} className="cell na" title={t("monitor.notApplicable")}>
                            ·
                          </td>
                        );
                      const st = statusStyle(c.status);
                      const p = progressText(c.progress, lang);
                      const isPicked = picked?.targetId === x.id && picked.region === r.code;
                      return (
                        <td
                          key={x.id}
                          className={`cell${isPicked ? " picked" : ""}`}
                          style={{ background: st.color, color: st.text }}
                          data-status={c.status}
                          data-target={x.id}
                          data-region={r.code}
                          title={`${r.name} · ${x.name}: ${t(st.key)}`}
                        >
                          <button
                            type="button"
                            className="cell-button"
                            onClick={() => setPicked({ targetId: x.id, region: r.code })}
                            aria-label={`${r.name} ${x.name} ${t(st.key)}`}
                          >
                            <span className="sym" aria-hidden="true">
                              {st.symbol}
                            </span>
                            <span className="pct">{p ?? ""}</span>
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="card monitor-detail" data-testid="monitor-detail">
          {selected ? (
            <TargetDetail result={selected} />
          ) : (
            <div className="muted small">{t("monitor.clickCell")}</div>
          )}
        </section>
      </div>
    </div>
  );
}

function StatusLegend({ counts }: { counts: Record<string, number> }) {
  const { t } = useI18n();
  return (
    <div className="status-legend" data-testid="status-legend">
      <span className="legend-title">{t("monitor.legend")}</span>
      {STATUS_ORDER.map((s) => {
        const st = STATUS_STYLES[s];
        return (
          <span key={s} className="status-chip" data-status={s}>
            <span className="chip-swatch" style={{ background: st.color, color: st.text }} aria-hidden="true">
              {st.symbol}
            </span>
            {t(st.key)}
            <span className="muted small" data-count={counts[s] ?? 0}>
              （{counts[s] ?? 0}）
            </span>
          </span>
        );
      })}
    </div>
  );
}

function TargetDetail({ result: r }: { result: TargetResult }) {
  const { t, lang, fmt } = useI18n();
  const targetText = useTargetText();
  const st = statusStyle(r.status);
  // the region's whole series for the chart; the used observations when it cannot be read
  const series = useAsync(
    () =>
      getObservations({ region: r.region, indicators: r.indicator }).then((res) =>
        res.items
          .filter((o) => o.regionCode === r.region && typeof o.value === "number")
          .map((o) => ({ year: Number(o.period), value: o.value as number })),
      ),
    [r.region, r.indicator],
  );
  const chart = useMemo(
    () => targetChartSeries(r, series.data && series.data.length > 0 ? series.data : r.observations),
    [r, series.data],
  );
  const option = useMemo<EChartOption>(() => {
    const unit = r.unit;
    const valueText = (v: unknown) => (typeof v === "number" ? fmt(v, unit) : "—");
    const seriesList: Record<string, unknown>[] = [
      {
        type: "line",
        name: chart.cumulative ? t("monitor.chart.cumulative") : t("monitor.chart.actual"),
        data: chart.actual,
        symbolSize: 6,
        itemStyle: { color: "#1d6fb8" },
        ...(chart.targetLevel !== null
          ? {
              markLine: {
                symbol: "none",
                silent: true,
                lineStyle: { color: "#D55E00", type: "dashed", width: 1.5 },
                label: { formatter: `${t("monitor.chart.target")} ${valueText(chart.targetLevel)}` },
                data: [{ yAxis: chart.targetLevel }],
              },
            }
          : {}),
      },
    ];
    if (chart.requiredPath.length > 0)
      seriesList.push({
        type: "line",
        name: t("monitor.chart.required"),
        data: chart.requiredPath,
        symbol: "none",
        lineStyle: { type: "dotted", color: "#009E73" },
        itemStyle: { color: "#009E73" },
      });
    if (chart.projection.length > 0)
      seriesList.push({
        type: "line",
        name: t("monitor.chart.projection"),
        data: chart.projection,
        lineStyle: { type: "dashed", color: "#999" },
        itemStyle: { color: "#999" },
        symbolSize: 5,
      });
    const ys = [
      ...chart.actual.map((p) => p[1]),
      ...chart.requiredPath.map((p) => p[1]),
      ...chart.projection.map((p) => p[1]),
      ...(chart.targetLevel !== null ? [chart.targetLevel] : []),
    ];
    // set by hand: ECharts leaves markLine values out of the axis extent, so the target could fall outside
    const bounds = niceAxisBounds(ys);
    const firstYear = Math.min(r.baselineYear, ...chart.actual.map((p) => p[0]));
    const xStep = Math.max(1, Math.ceil((r.targetYear - firstYear) / 6));
    return {
      grid: { left: 60, right: 24, top: 30, bottom: 28 },
      legend: { top: 0, textStyle: { fontSize: 11 } },
      tooltip: { trigger: "axis", valueFormatter: valueText },
      xAxis: {
        type: "value",
        // whole years, about six labels, the target year always labelled
        min: r.targetYear - xStep * Math.ceil((r.targetYear - firstYear) / xStep),
        max: r.targetYear,
        interval: xStep,
        axisLabel: { formatter: (v: number) => String(v) },
      },
      yAxis: {
        type: "value",
        scale: true,
        ...(bounds ?? {}),
        axisLabel: { formatter: (v: number) => formatNumber(v, lang) },
        name: fmt(1, unit).replace(/^1\s?/, ""),
      },
      series: seriesList,
    };
  }, [chart, r, t, fmt, lang]);

  const p = progressText(r.progress, lang, 1);
  const e = progressText(r.expectedProgress, lang, 1);
  return (
    <div className="target-detail">
      <h2>
        {r.targetName} · {r.regionName}
      </h2>
      <div className="row wrap">
        <span
          className="status-badge"
          style={{ background: st.color, color: st.text }}
          data-testid="detail-status"
          data-status={r.status}
        >
          {st.symbol} {t(st.key)}
        </span>
        <span className={`kind kind-${r.kind}`}>{t(kindKey(r.kind))}</span>
        {r.department ? <span className="muted small">{r.department}</span> : null}
        <span className="muted small mono">
          {r.targetId} · {r.indicator}
        </span>
      </div>
      <dl className="facts">
        <dt>{t("monitor.baseline")}</dt>
        <dd data-testid="detail-baseline">
          {r.baselineYear} · {fmt(r.baselineValue, r.unit)}
        </dd>
        <dt>{t("monitor.targetValue")}</dt>
        <dd data-testid="detail-target">
          {r.targetYear} · {targetText(r)}
        </dd>
        {r.requiredValue !== null && r.requiredValue !== r.targetValue ? (
          <>
            <dt>{t("monitor.required")}</dt>
            <dd>{fmt(r.requiredValue, r.unit)}</dd>
          </>
        ) : null}
        <dt>{t("monitor.latest")}</dt>
        <dd data-testid="detail-latest">
          {r.latestYear ?? "—"} · {fmt(r.latestValue, r.unit)}
        </dd>
        {r.cumulativeValue !== null ? (
          <>
            <dt>{t("monitor.cumulative")}</dt>
            <dd>{fmt(r.cumulativeValue, r.unit)}</dd>
          </>
        ) : null}
        {r.realisedGrowthPct !== null ? (
          <>
            <dt>{t("monitor.realisedGrowth")}</dt>
            <dd>{formatNumber(r.realisedGrowthPct, lang, { digits: 2 })}%</dd>
          </>
        ) : null}
        <dt>{t("monitor.progress")}</dt>
        <dd data-testid="detail-progress">
          <span className="progress-bar" aria-hidden="true">
            <span style={{ width: `${progressBarWidth(r.progress)}%`, background: st.color }} />
          </span>{" "}
          {p ?? "—"}
          <span className="muted small">
            {" "}
            （{t("monitor.expectedProgress")} {e ?? "—"}）
          </span>
        </dd>
        <dt>{t("monitor.projection")}</dt>
        <dd data-testid="detail-projection">
          {r.projection
            ? `${t("monitor.projectionText", {
                year: r.projection.year,
                value: fmt(r.projection.value, r.unit),
                method: projectionMethodText(r.projection.method, lang),
                years:
                  r.projection.years.length > 0
                    ? `${r.projection.years[0]}–${r.projection.years[r.projection.years.length - 1]}`
                    : "—",
              })}；${r.projection.meetsTarget ? t("monitor.projectionMeets") : t("monitor.projectionMisses")}`
            : r.latestYear !== null && r.latestYear >= r.targetYear
              ? t("monitor.noProjectionFinal")
              : t("monitor.noProjection")}
        </dd>
        <dt>{t("monitor.explanation")}</dt>
        <dd>{r.explanation}</dd>
      </dl>
      {r.missingYears.length > 0 ? (
        <div className="notice small">{t("monitor.missingYears", { years: r.missingYears.join("、") })}</div>
      ) : null}
      <EChart option={option} height={220} testId="target-chart" />
      <h3>{t("monitor.observations")}</h3>
      <div className="table-wrap">
        <table data-testid="detail-observations">
          <thead>
            <tr>
              <th>{t("common.year")}</th>
              <th>{t("common.value")}</th>
              <th>{t("monitor.roles")}</th>
              <th>{t("monitor.revision")}</th>
              <th>{t("monitor.source")}</th>
            </tr>
          </thead>
          <tbody>
            {r.observations.map((o) => (
              <tr key={o.year}>
                <td>{o.year}</td>
                <td className="num">{fmt(o.value, r.unit)}</td>
                <td>{o.roles.map((x) => (ROLE_KEYS[x] ? t(ROLE_KEYS[x]) : x)).join("、")}</td>
                <td className="mono small">{o.revisionId ?? "—"}</td>
                <td className="small">{o.sourceId ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
