// Main page: choropleth of an indicator, a composite index or a coordination level for one year; click a region
// (on the map or in the list) to drill down; breadcrumb to go back; side panel with the selected region's
// time series.
import { useEffect, useMemo, useState } from "react";
import { indicatorLevels, loadIndicators } from "../api/cache.ts";
import { api } from "../api/client.ts";
import type { Indicator, Region, RegionFeatureProps, RegionFeatures } from "../api/types.ts";
import { Breadcrumb } from "../components/breadcrumb.tsx";
import { EChart, type EChartOption } from "../components/echart.tsx";
import { Legend } from "../components/legend.tsx";
import { RegionMap } from "../components/region-map.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { errorMessage } from "../lib/api-error.ts";
import { type Choropleth, levelChoropleth, quantileChoropleth } from "../lib/choropleth.ts";
import { defaultYear } from "../lib/default-year.ts";
import { loadLatestRun } from "../lib/evaluation-runs.ts";
import { childLevelOf, periodYear } from "../lib/levels.ts";
import { getObservations } from "../lib/observations.ts";
import { useAsync } from "../lib/use-async.ts";

type Mode = "indicator" | "index" | "coordination";

/** A sensible first indicator: urban disposable income if there is one, else the first defined at `level`. */
export function defaultIndicator(list: Indicator[], level: string | null): Indicator | null {
  const income = list.find((i) => i.role === "urban" && /收入/.test(i.nameZh));
  if (income) return income;
  return (
    list.find(
      (i) => level === null || indicatorLevels(i).length === 0 || indicatorLevels(i).includes(level),
    ) ??
    list[0] ??
    null
  );
}

export function MapPage({ root, onFocus }: { root: Region; onFocus: (r: Region) => void }) {
  const { t, lang, fmt, name } = useI18n();
  const [path, setPath] = useState<Region[]>([root]);
  const [leaf, setLeaf] = useState<Region | null>(null);
  const [mode, setMode] = useState<Mode>("indicator");
  const [indCode, setIndCode] = useState<string | null>(null);
  const [year, setYear] = useState<number | null>(null);

  const current = path[path.length - 1];
  const childLevel = childLevelOf(current.code, current.level);
  const selected = leaf ?? current;

  useEffect(() => onFocus(selected), [selected, onFocus]);

  const indicators = useAsync(() => loadIndicators(), []);
  useEffect(() => {
    if (indCode === null && indicators.data)
      setIndCode(defaultIndicator(indicators.data, childLevel)?.code ?? null);
  }, [indicators.data, indCode, childLevel]);
  const indicator = indicators.data?.find((i) => i.code === indCode) ?? null;

  const features = useAsync(
    () =>
      childLevel
        ? api.get<RegionFeatures>(`/api/regions/${current.code}/features`, { level: childLevel })
        : null,
    [current.code, childLevel],
  );

  // the current region's own boundary, drawn as context around its subdivisions
  const parent = path.length >= 2 ? path[path.length - 2] : null;
  const outline = useAsync(
    () =>
      parent
        ? api
            .get<RegionFeatures>(`/api/regions/${parent.code}/features`, { level: current.level })
            .then(
              (fc) =>
                fc.features.find((f) => f.properties.code === current.code && f.geometry?.type !== "Point") ??
                null,
            )
        : null,
    [parent?.code, current.code, current.level],
  );

  const obs = useAsync(
    () =>
      mode === "indicator" && indCode && childLevel
        ? getObservations({
            region: current.code,
            level: childLevel,
            indicators: indCode,
          })
        : null,
    [mode, indCode, current.code, childLevel],
  );
  const run = useAsync(() => (mode === "indicator" ? null : loadLatestRun()), [mode]);

  // values by year for the regions on the map
  const byYear = useMemo(() => {
    const out = new Map<number, Map<string, number | null>>();
    const add = (y: number | null, code: string, v: number | null | undefined) => {
      if (y === null) return;
      let m = out.get(y);
      if (!m) {
        m = new Map();
        out.set(y, m);
      }
      m.set(code, typeof v === "number" && Number.isFinite(v) ? v : null);
    };
    if (mode === "indicator")
      for (const o of obs.data?.items ?? []) add(periodYear(o.period), o.regionCode, o.value);
    else
      for (const r of run.data?.results ?? [])
        add(r.year, r.regionCode, mode === "index" ? r.index : r.coordination);
    return out;
  }, [mode, obs.data, run.data]);

  // time series of the selected region
  const series = useAsync(
    () =>
      mode === "indicator" && indCode
        ? getObservations({
            region: selected.code,
            level: selected.level,
            indicators: indCode,
          })
        : null,
    [mode, indCode, selected.code, selected.level],
  );
  const seriesPoints = useMemo(() => {
    const pts: [number, number | null][] = [];
    if (mode === "indicator") {
      for (const o of series.data?.items ?? []) {
        const y = periodYear(o.period);
        if (o.regionCode === selected.code && y !== null) pts.push([y, o.value]);
      }
    } else {
      for (const r of run.data?.results ?? [])
        if (r.regionCode === selected.code)
          pts.push([r.year, (mode === "index" ? r.index : r.coordination) ?? null]);
    }
    return pts.sort((a, b) => a[0] - b[0]);
  }, [mode, series.data, run.data, selected.code]);

  // years of the map's level and of the selected region's series: drilling into a level without data keeps
  // the chosen year instead of losing it
  const years = useMemo(() => {
    const ys = new Set(byYear.keys());
    for (const p of seriesPoints) ys.add(p[0]);
    return [...ys].sort((a, b) => a - b);
  }, [byYear, seriesPoints]);
  const fallbackYear = useMemo(() => {
    const counts = new Map<number, number>();
    for (const [y, m] of byYear) counts.set(y, [...m.values()].filter((v) => v !== null).length);
    return defaultYear(counts) ?? years[years.length - 1] ?? null;
  }, [byYear, years]);
  const shownYear = year !== null && years.includes(year) ? year : fallbackYear;

  const codesOnMap = useMemo(
    () => (features.data?.features ?? []).map((f) => f.properties.code),
    [features.data],
  );

  const choropleth: Choropleth = useMemo(() => {
    const values: Record<string, number | null> = {};
    const yearMap = shownYear === null ? undefined : byYear.get(shownYear);
    for (const c of codesOnMap) values[c] = yearMap?.get(c) ?? null;
    if (mode === "coordination") {
      const rows = codesOnMap.map((code) => {
        const r = run.data?.results?.find((x) => x.regionCode === code && x.year === shownYear);
        return { code, level: r?.level ?? null, levelName: r?.levelName ?? null };
      });
      return levelChoropleth(rows, t("map.legend.missing"));
    }
    return quantileChoropleth(values, {
      k: 5,
      direction: mode === "indicator" ? indicator?.direction : "+",
      lang,
      missingLabel: t("map.legend.missing"),
      digits: mode === "index" ? 3 : undefined,
    });
  }, [codesOnMap, byYear, shownYear, mode, run.data, indicator, lang, t]);

  const unit = mode === "indicator" ? (indicator?.unit ?? "") : "";
  const labels = useMemo(() => {
    const out: Record<string, string> = {};
    const yearMap = shownYear === null ? undefined : byYear.get(shownYear);
    for (const c of codesOnMap) {
      const v = yearMap?.get(c) ?? null;
      if (mode === "coordination") {
        const r = run.data?.results?.find((x) => x.regionCode === c && x.year === shownYear);
        out[c] = r ? `D = ${fmt(r.coordination, "", { digits: 3 })} · ${r.levelName ?? ""}` : "—";
      } else out[c] = fmt(v, unit, mode === "index" ? { digits: 3 } : {});
    }
    return out;
  }, [codesOnMap, byYear, shownYear, mode, run.data, unit, fmt]);

  const legendTitle =
    mode === "indicator"
      ? indicator
        ? `${name(indicator)}${unit ? t("map.legend.unit", { unit: fmt(1, unit).replace(/^1\s?/, "") }) : ""}`
        : t("common.indicator")
      : t(mode === "index" ? "map.mode.index" : "map.mode.coordination");

  const drill = (p: RegionFeatureProps) => {
    const r: Region = { code: p.code, name: p.name, level: p.level };
    if (childLevelOf(r.code, r.level)) {
      setLeaf(null);
      setPath((old) => [...old, r]);
    } else setLeaf(r);
  };

  const seriesName =
    mode === "indicator"
      ? indicator
        ? name(indicator)
        : ""
      : t(mode === "index" ? "map.mode.index" : "eval.coordination");
  const chartOption = useMemo<EChartOption>(
    () => ({
      grid: { left: 64, right: 16, top: 24, bottom: 28 },
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: unknown) => fmt(typeof v === "number" ? v : null, unit),
      },
      xAxis: { type: "category", data: seriesPoints.map((p) => String(p[0])) },
      yAxis: { type: "value", name: fmt(1, unit).replace(/^1\s?/, ""), scale: true },
      series: [
        {
          type: "line",
          name: seriesName,
          data: seriesPoints.map((p) => p[1]),
          connectNulls: false,
          symbolSize: 6,
          markLine:
            shownYear !== null
              ? {
                  silent: true,
                  symbol: "none",
                  data: [{ xAxis: String(shownYear) }],
                  lineStyle: { color: "#c0392b" },
                }
              : undefined,
        },
      ],
    }),
    [seriesPoints, seriesName, unit, fmt, shownYear],
  );

  const childRows = useMemo(() => {
    const yearMap = shownYear === null ? undefined : byYear.get(shownYear);
    return (features.data?.features ?? [])
      .map((f) => ({ props: f.properties, value: yearMap?.get(f.properties.code) ?? null }))
      .sort((a, b) => (b.value ?? Number.NEGATIVE_INFINITY) - (a.value ?? Number.NEGATIVE_INFINITY));
  }, [features.data, byYear, shownYear]);

  const selectedValue =
    shownYear === null
      ? null
      : (seriesPoints.find((p) => p[0] === shownYear)?.[1] ??
        byYear.get(shownYear)?.get(selected.code) ??
        null);
  const loadError = features.error ?? obs.error ?? run.error ?? indicators.error;
  const noRun = mode !== "indicator" && !run.loading && !run.data;

  return (
    <div className="map-page">
      <section className="map-controls card">
        <Breadcrumb
          path={path}
          onGo={(i) => {
            setLeaf(null);
            setPath((old) => old.slice(0, i + 1));
          }}
        />
        <div className="row wrap">
          <label>
            {t("map.mode")}
            <select value={mode} onChange={(e) => setMode(e.target.value as Mode)} data-testid="mode-select">
              {(["indicator", "index", "coordination"] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`map.mode.${m}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          {mode === "indicator" ? (
            <label className="grow">
              {t("common.indicator")}
              <select
                value={indCode ?? ""}
                onChange={(e) => setIndCode(e.target.value)}
                data-testid="indicator-select"
              >
                {(indicators.data ?? []).map((i) => (
                  <option key={i.code} value={i.code}>
                    {name(i)}
                    {lang === "zh" ? `（${i.code}）` : ` (${i.code})`}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="year">
            {t("common.year")} <strong data-testid="year-label">{shownYear ?? "—"}</strong>
            <input
              type="range"
              data-testid="year-slider"
              min={0}
              max={Math.max(years.length - 1, 0)}
              step={1}
              value={Math.max(years.indexOf(shownYear ?? -1), 0)}
              disabled={years.length < 2}
              onChange={(e) => setYear(years[Number(e.target.value)] ?? null)}
            />
          </label>
        </div>
      </section>
      <section className="map-main">
        <RegionMap
          features={features.data}
          fills={choropleth.fills}
          labels={labels}
          selectedCode={leaf?.code ?? null}
          onRegionClick={drill}
          outline={outline.data ?? null}
          loading={features.loading || obs.loading || run.loading || outline.loading}
        />
        <div className="map-overlay">
          <Legend
            title={legendTitle}
            subtitle={`${shownYear ?? "—"} · ${mode === "coordination" ? t("eval.level") : t("map.legend.classes")}`}
            entries={choropleth.entries}
          />
          {loadError ? <div className="error">{errorMessage(loadError, lang)}</div> : null}
          {noRun ? <div className="notice">{t("map.noRun")}</div> : null}
          {features.data && features.data.features.length === 0 ? (
            <div className="notice">{t("map.noFeatures")}</div>
          ) : null}
          {features.data?.features.some((f) => f.geometry?.type === "Point") ? (
            <div className="hint">{t("map.points")}</div>
          ) : null}
        </div>
      </section>
      <aside className="side card">
        <div className="side-head">
          <div className="muted">{t("map.selected")}</div>
          <h2 data-testid="selected-name">{selected.name}</h2>
          <div className="muted">
            {t(`level.${selected.level}` as MessageKey)} · {selected.code}
          </div>
          <div className="big-value" data-testid="selected-value">
            {mode === "index" || mode === "coordination"
              ? fmt(selectedValue, "", { digits: 3 })
              : fmt(selectedValue, unit)}
            <span className="muted small"> {t("map.valueAt", { year: shownYear ?? "—" })}</span>
          </div>
        </div>
        <h3>{t("map.series", { name: selected.name, indicator: seriesName })}</h3>
        {seriesPoints.length > 0 ? (
          <EChart option={chartOption} height={220} testId="series-chart" />
        ) : (
          <div className="muted small">{series.loading ? t("common.loading") : t("map.seriesEmpty")}</div>
        )}
        {childLevel ? (
          <>
            <h3>
              {t(`level.${childLevel}` as MessageKey)}{" "}
              <span className="muted small">{t("map.clickToDrill")}</span>
            </h3>
            <ul className="child-list" data-testid="child-list">
              {childRows.map((r) => (
                <li key={r.props.code}>
                  <button type="button" className="link" onClick={() => drill(r.props)}>
                    {r.props.name}
                  </button>
                  <span className="num">{labels[r.props.code] ?? "—"}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </aside>
    </div>
  );
}
