// Evaluation: list schemes, run one as a background job (progress bar), pick a run, then the ranked table of
// a year, the index map, the obstacle factors of a region and the rank-uncertainty bars. A run is loaded one
// year at a time (its latest first, then the year picked), as that is all the page shows.
import { useEffect, useMemo, useRef, useState } from "react";
import { parse as parseYaml } from "yaml";
import { loadIndicators } from "../api/cache.ts";
import { api } from "../api/client.ts";
import type {
  EvaluationResult,
  EvaluationRun,
  Items,
  Job,
  Region,
  RegionFeatures,
  Scheme,
} from "../api/types.ts";
import { EChart, type EChartOption } from "../components/echart.tsx";
import { Legend } from "../components/legend.tsx";
import { RegionMap } from "../components/region-map.tsx";
import { ReportButton } from "../components/report-button.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { ApiError, errorMessage } from "../lib/api-error.ts";
import { quantileChoropleth } from "../lib/choropleth.ts";
import { latestRunId, listRuns, loadRun } from "../lib/evaluation-runs.ts";
import { formatNumber } from "../lib/format.ts";
import { childLevelOf } from "../lib/levels.ts";
import { publicationRefusal, type Refusal } from "../lib/publication.ts";
import { useAsync } from "../lib/use-async.ts";

function runLabel(r: EvaluationRun): string {
  const s = typeof r.scheme === "object" && r.scheme ? (r.scheme.title ?? r.scheme.name) : r.scheme;
  return `${r.title ?? s ?? r.schemeName ?? r.id}${r.createdAt ? ` · ${r.createdAt.slice(0, 16).replace("T", " ")}` : ""}`;
}

export function EvaluationPage({ root }: { root: Region }) {
  const { t, lang, fmt, name } = useI18n();
  const schemes = useAsync(() => api.get<Items<Scheme>>("/api/schemes"), []);
  const runs = useAsync(() => listRuns(), []);
  const indicators = useAsync(() => loadIndicators(), []);
  const [runId, setRunId] = useState<string | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [jobError, setJobError] = useState<unknown>(null);
  // the year picked, for the run it was picked in (another run opens at its latest year)
  const [yearChoice, setYearChoice] = useState<{ runId: string; year: number } | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [draws, setDraws] = useState(0);
  const [schemeFileError, setSchemeFileError] = useState<string | null>(null);
  const poll = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (poll.current) clearTimeout(poll.current);
    },
    [],
  );
  useEffect(() => {
    if (runId === null && runs.data) setRunId(latestRunId(runs.data));
  }, [runs.data, runId]);

  const wantedYear = yearChoice !== null && yearChoice.runId === runId ? yearChoice.year : "latest";
  // a reload (after publishing) keeps the year: it is part of the loader's deps
  const run = useAsync(() => (runId ? loadRun(runId, wantedYear) : null), [runId, wantedYear]);

  // publication of the shown run: publish locks the data it used; unpublish (admin) unlocks them
  const [pubReason, setPubReason] = useState("");
  const [pubBusy, setPubBusy] = useState(false);
  const [pubDone, setPubDone] = useState<string | null>(null);
  const [pubRefusal, setPubRefusal] = useState<Refusal | null>(null);
  useEffect(() => {
    setPubDone(null);
    setPubRefusal(null);
  }, [runId]);
  const publication = async (action: "publish" | "unpublish") => {
    if (!runId) return;
    setPubBusy(true);
    setPubDone(null);
    setPubRefusal(null);
    try {
      const res = await api.post<{
        observations: number;
        locked?: number;
        alreadyLocked?: number;
        unlocked?: number;
        keptLocked?: number;
      }>(
        `/api/evaluations/${encodeURIComponent(runId)}/${action}`,
        pubReason.trim() ? { reason: pubReason.trim() } : {},
      );
      setPubDone(
        action === "publish"
          ? t("pub.done.publish", {
              observations: res.observations,
              locked: res.locked ?? 0,
              already: res.alreadyLocked ?? 0,
            })
          : t("pub.done.unpublish", { unlocked: res.unlocked ?? 0, kept: res.keptLocked ?? 0 }),
      );
      setPubReason("");
      run.reload();
      runs.reload();
    } catch (e) {
      setPubRefusal(publicationRefusal(e, lang, action));
    } finally {
      setPubBusy(false);
    }
  };

  const start = async (body: { schemeName?: string; scheme?: Record<string, unknown> }) => {
    setJobError(null);
    try {
      const { jobId } = await api.post<{ jobId: string }>("/api/evaluations", {
        ...body,
        ...(draws > 0 ? { uncertainty: draws } : {}),
      });
      const tick = async () => {
        try {
          const j = await api.get<Job>(`/api/jobs/${encodeURIComponent(jobId)}`);
          setJob(j);
          if (j.status === "done") {
            const res = j.result as { runId?: string; id?: string } | null | undefined;
            runs.reload();
            setRunId(res?.runId ?? res?.id ?? null);
          } else if (j.status !== "failed") poll.current = setTimeout(tick, 600);
        } catch (e) {
          setJobError(e);
        }
      };
      setJob({ id: jobId, kind: "evaluation", status: "queued", progress: 0, total: 0 });
      await tick();
    } catch (e) {
      setJobError(e);
    }
  };

  const results = run.data?.results ?? [];
  const years = run.data?.years ?? [];
  // the year of the rows at hand (while another year loads, the previous one stays on screen)
  const shownYear = run.data?.year ?? years[years.length - 1] ?? null;
  const ranked = useMemo(
    () =>
      results
        .filter((r) => r.year === shownYear)
        .sort((a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY)),
    [results, shownYear],
  );
  const selected: EvaluationResult | null = ranked.find((r) => r.regionCode === picked) ?? null;

  const mapRegion = run.data?.regionCode ?? root.code;
  const mapLevel = run.data?.level ?? childLevelOf(root.code, root.level);
  const features = useAsync(
    () =>
      mapLevel ? api.get<RegionFeatures>(`/api/regions/${mapRegion}/features`, { level: mapLevel }) : null,
    [mapRegion, mapLevel, runId],
  );
  const choropleth = useMemo(() => {
    const values: Record<string, number | null> = {};
    for (const f of features.data?.features ?? []) values[f.properties.code] = null;
    for (const r of ranked) values[r.regionCode] = r.index;
    return quantileChoropleth(values, { k: 5, lang, missingLabel: t("map.legend.missing"), digits: 3 });
  }, [features.data, ranked, lang, t]);
  const labels = useMemo(() => {
    const out: Record<string, string> = {};
    for (const r of ranked)
      out[r.regionCode] =
        `${t("eval.index")} ${fmt(r.index, "", { digits: 3 })} · ${t("eval.rank")} ${r.rank ?? "—"}`;
    return out;
  }, [ranked, fmt, t]);

  const indName = (code: string, fallback?: string | null) => {
    const i = indicators.data?.find((x) => x.code === code);
    return i ? name(i) : fallback || code;
  };
  const obstacleOption = useMemo<EChartOption>(() => {
    const obs = [...(selected?.obstacles ?? [])]
      .filter((o) => o.value !== null)
      .sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
    return {
      grid: { left: 160, right: 40, top: 10, bottom: 28 },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        valueFormatter: (v: unknown) =>
          typeof v === "number" ? `${formatNumber(v * 100, lang, { digits: 1 })}%` : "—",
      },
      xAxis: {
        type: "value",
        name: `${t("eval.obstacleDegree")}（%）`,
        nameLocation: "middle",
        nameGap: 24,
        axisLabel: { formatter: (v: number) => `${formatNumber(v * 100, lang, { digits: 0 })}%` },
      },
      yAxis: {
        type: "category",
        data: obs.map((o) => indName(o.indicator, o.name)),
        axisLabel: { width: 150, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          name: t("eval.obstacleDegree"),
          data: obs.map((o) => o.value),
          itemStyle: { color: "#e6550d" },
        },
      ],
    };
  }, [selected, indicators.data, lang, t]);

  const uncertainty = useMemo(() => {
    const u = (run.data?.uncertainty ?? []).filter((x) => x.year === undefined || x.year === shownYear);
    return [...u].sort((a, b) => a.medianRank - b.medianRank);
  }, [run.data, shownYear]);
  const regionName = (code: string) => results.find((r) => r.regionCode === code)?.regionName ?? code;
  const uncertaintyOption = useMemo<EChartOption>(
    () => ({
      grid: { left: 100, right: 24, top: 24, bottom: 28 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", name: t("eval.rank"), min: 1, inverse: false },
      yAxis: { type: "category", data: uncertainty.map((u) => regionName(u.regionCode)), inverse: true },
      series: [
        {
          type: "bar",
          stack: "r",
          data: uncertainty.map((u) => u.p5),
          itemStyle: { color: "transparent" },
          silent: true,
        },
        {
          type: "bar",
          stack: "r",
          name: "5%–95%",
          data: uncertainty.map((u) => u.p95 - u.p5),
          itemStyle: { color: "#9ecae1" },
        },
        {
          type: "scatter",
          name: t("eval.medianRank"),
          data: uncertainty.map((u, i) => [u.medianRank, i]),
          itemStyle: { color: "#08519c" },
          symbolSize: 8,
        },
      ],
    }),
    [uncertainty, results, t],
  );

  const running = job && (job.status === "queued" || job.status === "running");
  const total = job?.total ?? 0;
  const pct = job?.status === "done" ? 100 : job && total > 0 ? Math.round((100 * job.progress) / total) : 0;

  return (
    <div className="eval-page">
      <section className="card">
        <h2>{t("eval.schemes")}</h2>
        {schemes.error && !(schemes.error instanceof ApiError && schemes.error.status === 404) ? (
          <div className="error">{errorMessage(schemes.error, lang)}</div>
        ) : null}
        <ul className="scheme-list">
          {(schemes.data?.items ?? []).map((s) => (
            <li key={s.name}>
              <span>
                <strong>{s.title ?? s.name}</strong> <span className="muted small">{s.name}</span>
              </span>
              <button
                type="button"
                className="primary"
                disabled={Boolean(running)}
                onClick={() => start({ schemeName: s.name, ...(s.scheme ? { scheme: s.scheme } : {}) })}
                data-testid={`run-${s.name}`}
              >
                {running ? t("eval.running") : t("eval.run")}
              </button>
            </li>
          ))}
        </ul>
        <div className="row wrap">
          <label>
            {t("eval.schemeFile")}
            <input
              type="file"
              accept=".yaml,.yml,.json"
              data-testid="scheme-file"
              disabled={Boolean(running)}
              onChange={async (e) => {
                const f = e.target.files?.[0];
                e.target.value = "";
                if (!f) return;
                setSchemeFileError(null);
                try {
                  const parsed = parseYaml(await f.text()) as unknown;
                  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
                    throw new Error("not an object");
                  await start({ scheme: parsed as Record<string, unknown> });
                } catch {
                  setSchemeFileError(t("err.invalid_scheme"));
                }
              }}
            />
          </label>
          <label>
            {t("eval.draws")}
            <input
              type="number"
              min={0}
              max={10000}
              step={50}
              value={draws}
              onChange={(e) => setDraws(Math.max(0, Number(e.target.value) || 0))}
            />
          </label>
        </div>
        {schemeFileError ? <div className="error">{schemeFileError}</div> : null}
        {job ? (
          <div className="job" data-testid="job-status" data-status={job.status}>
            <progress max={100} value={pct} />
            <span className="small">
              {job.status === "done"
                ? t("eval.done")
                : total > 0
                  ? t("eval.progress", { done: job.progress, total })
                  : t("eval.running")}{" "}
              {job.message ?? ""}
            </span>
            {job.status === "failed" ? (
              <div className="error">{t("eval.failed", { message: job.error?.message ?? "" })}</div>
            ) : null}
          </div>
        ) : null}
        {jobError ? <div className="error">{errorMessage(jobError, lang)}</div> : null}
        <h3>{t("eval.runs")}</h3>
        {(runs.data ?? []).length === 0 ? <div className="muted small">{t("eval.noRuns")}</div> : null}
        <select
          value={runId ?? ""}
          onChange={(e) => setRunId(e.target.value || null)}
          data-testid="run-select"
        >
          {(runs.data ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {runLabel(r)}
            </option>
          ))}
        </select>
        {years.length > 0 ? (
          <label className="row">
            {t("common.year")}
            <select
              value={typeof wantedYear === "number" ? wantedYear : (shownYear ?? "")}
              onChange={(e) => runId && setYearChoice({ runId, year: Number(e.target.value) })}
              data-testid="eval-year"
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </section>

      <div className="eval-main">
        {run.data ? (
          <section className="card eval-actions">
            <div className="eval-publication" data-testid="publication" data-status={run.data.status ?? ""}>
              <h2>{t("pub.title")}</h2>
              <div className="row wrap">
                <span
                  className={`pub-badge ${run.data.status === "published" ? "published" : ""}`}
                  data-testid="publication-status"
                >
                  {run.data.status === "published" ? t("pub.status.published") : t("pub.status.succeeded")}
                </span>
                {run.data.publication ? (
                  <span className="muted small">
                    {t("pub.publishedBy", {
                      at: (run.data.publication.publishedAt ?? "").slice(0, 16).replace("T", " "),
                      by: run.data.publication.publishedBy ?? "—",
                    })}
                    {run.data.publication.reason ? ` · ${run.data.publication.reason}` : ""}
                  </span>
                ) : null}
                {run.data.runHash ? (
                  <span className="muted small mono" title="run hash">
                    {run.data.runHash.slice(0, 12)}
                  </span>
                ) : null}
              </div>
              <div className="row wrap">
                <label className="grow">
                  {t("pub.reason")}
                  <input
                    value={pubReason}
                    onChange={(e) => setPubReason(e.target.value)}
                    maxLength={200}
                    data-testid="publication-reason"
                  />
                </label>
                {run.data.status === "published" ? (
                  <button
                    type="button"
                    disabled={pubBusy}
                    onClick={() => publication("unpublish")}
                    data-testid="unpublish"
                  >
                    {t("pub.unpublish")}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="primary"
                    disabled={pubBusy}
                    onClick={() => publication("publish")}
                    data-testid="publish"
                  >
                    {t("pub.publish")}
                  </button>
                )}
              </div>
              {pubDone ? (
                <div className="ok" role="status" data-testid="publication-done">
                  {pubDone}
                </div>
              ) : null}
              {pubRefusal ? (
                <div className="error" role="alert" data-testid="publication-refused">
                  <div>{pubRefusal.summary}</div>
                  {pubRefusal.lines.length > 0 ? (
                    <ul className="small">
                      {pubRefusal.lines.map((l) => (
                        <li key={l}>{l}</li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              ) : null}
            </div>
            {run.data.regionCode && shownYear !== null ? (
              <ReportButton
                inline
                regionCode={run.data.regionCode}
                regionName={run.data.regionCode === root.code ? root.name : run.data.regionCode}
                year={shownYear}
                schemeName={
                  run.data.schemeName &&
                  (schemes.data?.items ?? []).some((s) => s.name === run.data?.schemeName)
                    ? run.data.schemeName
                    : null
                }
                testId="eval-report"
              />
            ) : null}
          </section>
        ) : null}
        <section className="card ranking">
          <h2>{t("eval.ranking")}</h2>
          {run.error ? <div className="error">{errorMessage(run.error, lang)}</div> : null}
          <div className="table-wrap">
            <table data-testid="ranking-table">
              <thead>
                <tr>
                  <th>{t("eval.rank")}</th>
                  <th>{t("common.region")}</th>
                  <th>{t("eval.index")}</th>
                  <th>{t("eval.urban")}</th>
                  <th>{t("eval.rural")}</th>
                  <th>{t("eval.coupling")}</th>
                  <th>{t("eval.coordination")}</th>
                  <th>{t("eval.level")}</th>
                </tr>
              </thead>
              <tbody>
                {ranked.map((r) => (
                  <tr
                    key={r.regionCode}
                    className={r.regionCode === picked ? "selected" : ""}
                    onClick={() => setPicked(r.regionCode)}
                    tabIndex={0}
                    onKeyDown={(e) => e.key === "Enter" && setPicked(r.regionCode)}
                  >
                    <td className="num">{r.rank ?? "—"}</td>
                    <td>{r.regionName}</td>
                    <td className="num">{fmt(r.index, "", { digits: 4 })}</td>
                    <td className="num">{fmt(r.subsystems?.urban, "", { digits: 4 })}</td>
                    <td className="num">{fmt(r.subsystems?.rural, "", { digits: 4 })}</td>
                    <td className="num">{fmt(r.coupling, "", { digits: 4 })}</td>
                    <td className="num">{fmt(r.coordination, "", { digits: 4 })}</td>
                    <td>{r.levelName ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="card eval-map">
          <h2>{t("eval.indexMap")}</h2>
          <div className="eval-map-box">
            <RegionMap
              features={features.data}
              fills={choropleth.fills}
              labels={labels}
              selectedCode={picked}
              onRegionClick={(p) => setPicked(p.code)}
              testId="eval-map"
              loading={features.loading || run.loading}
            />
            <div className="map-overlay">
              <Legend
                title={t("eval.index")}
                subtitle={`${shownYear ?? "—"} · ${t("map.legend.classes")}`}
                entries={choropleth.entries}
              />
            </div>
          </div>
        </section>

        <section className="card eval-obstacles">
          <h2>
            {t("eval.obstacles")} {selected ? `· ${selected.regionName}` : ""}
          </h2>
          {selected && (selected.obstacles ?? []).length > 0 ? (
            <EChart
              option={obstacleOption}
              height={Math.max(160, 26 * (selected.obstacles?.length ?? 0) + 40)}
              testId="obstacle-chart"
            />
          ) : (
            <div className="muted small">{t("eval.selectRegion")}</div>
          )}
        </section>

        {uncertainty.length > 0 ? (
          <section className="card eval-uncertainty">
            <h2>{t("eval.uncertainty")}</h2>
            <EChart
              option={uncertaintyOption}
              height={Math.max(200, 18 * uncertainty.length + 60)}
              testId="uncertainty-chart"
            />
          </section>
        ) : null}
      </div>
    </div>
  );
}
