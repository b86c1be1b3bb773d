// The report as one self-contained A4 HTML page (inline CSS and SVG, no scripts, no network): cover and
// table of contents, then the seven chapters. Numbers come from ReportData as loaded; this module only
// formats, classifies for the maps and escapes (every data string goes through `esc`).
import { COORDINATION_LEVELS } from "@ronghe/indices";
import type { EvaluationRow } from "../evaluation/compute-evaluation.ts";
import { barChartSvg, incomeChartSvg } from "./charts.ts";
import { DASH, esc, fixed, grouped, percent, type SpanCell, signed, table } from "./html.ts";
import { LABELS, type Labels, type ReportLang } from "./labels.ts";
import type { ReportData } from "./report-data.ts";
import { REPORT_CSS } from "./report-style.ts";
import { choroplethSvg, classOf, LEVEL_COLOURS, NO_DATA, quantileBreaks, SEQUENTIAL } from "./svg-map.ts";

export const SECTION_IDS = ["sec-1", "sec-2", "sec-3", "sec-4", "sec-5", "sec-6", "sec-7"] as const;

export const STATUS_COLOURS: Record<string, string> = {
  achieved: "#1a9850",
  on_track: "#a6d96a",
  at_risk: "#fee08b",
  off_track: "#f46d43",
  no_data: "#d9d9d9",
  not_assessable: "#bababa",
};

export interface RenderOptions {
  lang: ReportLang;
  /** ISO timestamp shown on the cover */
  generatedAt: string;
}

const num = (html: string) => `<span class="num-cell">${html}</span>`;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const finite = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

export function renderReportHtml(data: ReportData, options: RenderOptions): string {
  const L = LABELS[options.lang] as Labels;
  const title = L.title(data.region.name, data.year);
  const chapters = [
    summarySection(data, L),
    incomeSection(data, L),
    rankingSection(data, L),
    couplingSection(data, L, options.lang),
    obstacleSection(data, L),
    targetSection(data, L),
    appendixSection(data, L, options.lang),
  ];
  const sections = chapters.map(
    (body, i) =>
      `<section class="chapter" id="${SECTION_IDS[i]}">\n<h2 data-toc-heading="${i + 1} ${esc(L.sections[i])}">${i + 1}　${esc(L.sections[i])}</h2>\n${body}\n</section>`,
  );
  return `<!DOCTYPE html>
<html lang="${options.lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${cover(data, L, title, options)}
${sections.join("\n")}
</body>
</html>
`;
}

function cover(data: ReportData, L: Labels, title: string, options: RenderOptions): string {
  const toc = L.sections
    .map(
      (s, i) =>
        `<li><a href="#${SECTION_IDS[i]}">${i + 1}　${esc(s)}</a><span class="dots"></span><span class="pg" data-toc-page="${SECTION_IDS[i]}"></span></li>`,
    )
    .join("\n");
  const rows: Array<[string, string]> = [
    [L.scheme, `${esc(data.scheme.name)}${data.scheme.title ? ` — ${esc(data.scheme.title)}` : ""}`],
    [L.run, esc(data.run.id)],
    [L.runHash, `<span class="hash">${esc(data.run.run_hash)}</span>`],
    [L.generated, esc(options.generatedAt)],
  ];
  return `<section class="cover">
<h1>${esc(title)}</h1>
<div class="sub">${esc(L.subtitle)}</div>
<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("")}</dl>
<nav class="toc" data-toc="1"><h2>${esc(L.toc)}</h2><ol>
${toc}
</ol></nav>
</section>`;
}

// ───────────────────────────── 1 summary ─────────────────────────────

function card(k: string, v: string, d = ""): string {
  return `<div class="card"><div class="k">${esc(k)}</div><div class="v">${v}</div><div class="d">${d}</div></div>`;
}

function summarySection(data: ReportData, L: Labels): string {
  const { rows, previousRows, year, previousYear } = data;
  const pooled = data.scheme.normalisation.scope === "pooled";
  const meanIndex = mean(rows.map((r) => r.index));
  const prevMeanIndex = mean(previousRows.map((r) => r.index));
  const dValues = rows.map((r) => r.coordination).filter(finite);
  const meanD = mean(dValues);
  const prevMeanD = mean(previousRows.map((r) => r.coordination).filter(finite));
  const inc = data.income.years.find((y) => y.year === year) ?? null;
  const prevInc = data.income.years.find((y) => y.year === year - 1) ?? null;
  const basisTag = (b: string | null | undefined) =>
    b === "estimated"
      ? ` <span class="tag est">${esc(L.estimated)}</span>`
      : b === "reported"
        ? ` <span class="tag rep">${esc(L.reported)}</span>`
        : "";
  const spatial = data.run.summary.spatial.find((s) => s.year === year);
  const moran = spatial?.moran as
    | { i?: number; permutation?: { p?: number }; randomization?: { p?: number } }
    | null
    | undefined;
  const moranP = moran?.permutation?.p ?? moran?.randomization?.p ?? null;
  const vs = previousYear !== null ? L.vsPrev(previousYear) : "";

  const cards = [
    card(
      L.unitsEvaluated,
      String(rows.length),
      data.dropped.length
        ? `${esc(L.unitsDropped)} ${data.dropped.length}：${data.dropped.map((d) => esc(d.name)).join("、")}`
        : "",
    ),
    card(
      L.meanIndex,
      fixed(meanIndex, 4),
      pooled && previousYear !== null
        ? `${esc(vs)} ${signed(finite(meanIndex) && finite(prevMeanIndex) ? meanIndex - prevMeanIndex : null, 4)}`
        : "",
    ),
    card(
      L.meanD,
      fixed(meanD, 4),
      previousYear !== null
        ? `${esc(vs)} ${signed(finite(meanD) && finite(prevMeanD) ? meanD - prevMeanD : null, 4)}`
        : "",
    ),
    card(
      `${L.municipal}${L.incomeRatio}`,
      `${fixed(inc?.ratio, 2)}${basisTag(inc?.basis)}`,
      prevInc && finite(prevInc.ratio) && finite(inc?.ratio)
        ? `${esc(L.vsPrev(year - 1))} ${signed((inc?.ratio ?? 0) - prevInc.ratio, 2)}`
        : "",
    ),
    card(
      `${L.urbanIncome} / ${L.ruralIncome}`,
      `${grouped(inc?.urban)} / ${grouped(inc?.rural)}`,
      `${esc(L.yuan)}；${esc(L.incomeGap)} ${grouped(inc?.gap)} ${esc(L.yuan)}`,
    ),
    card(L.moran, fixed(moran?.i, 4), finite(moranP) ? `p = ${fixed(moranP, 3)}` : ""),
  ];

  const lines: string[] = [];
  const fmtRow = (r: EvaluationRow) => `${esc(r.name)}（${fixed(r.index, 4)}）`;
  if (rows.length > 0) {
    lines.push(`<p><b>${esc(L.best)}</b>：${rows.slice(0, 3).map(fmtRow).join("、")}。</p>`);
    lines.push(`<p><b>${esc(L.worst)}</b>：${rows.slice(-3).reverse().map(fmtRow).join("、")}。</p>`);
  }
  if (previousYear !== null) {
    const prevRank = new Map(previousRows.map((r) => [r.region, r.rank]));
    const moves = rows
      .filter((r) => prevRank.has(r.region))
      .map((r) => ({ r, change: (prevRank.get(r.region) as number) - r.rank }));
    const up = moves.filter((m) => m.change > 0).length;
    const down = moves.filter((m) => m.change < 0).length;
    const biggest = [...moves].sort((a, b) => b.change - a.change || a.r.rank - b.r.rank);
    const riser = biggest[0];
    const faller = biggest[biggest.length - 1];
    const zh = L === LABELS.zh;
    const text = zh
      ? `与${previousYear}年相比，${up}个区县排名上升，${down}个下降，${moves.length - up - down}个不变` +
        (riser && riser.change > 0 ? `；上升最多的是${esc(riser.r.name)}（${riser.change}位）` : "") +
        (faller && faller.change < 0 ? `，下降最多的是${esc(faller.r.name)}（${-faller.change}位）` : "") +
        "。"
      : `Compared with ${previousYear}, ${up} units moved up, ${down} down and ${moves.length - up - down} kept their rank` +
        (riser && riser.change > 0 ? `; ${esc(riser.r.name)} rose most (${riser.change} places)` : "") +
        (faller && faller.change < 0 ? `; ${esc(faller.r.name)} fell most (${-faller.change} places)` : "") +
        ".";
    lines.push(`<p>${text}</p>`);
    if (!pooled)
      lines.push(
        `<p class="note">per_year: ${esc(L === LABELS.zh ? "各年单独标准化，指数跨年不可比，仅比较排名。" : "each year normalised alone: indices do not compare across years, only ranks do.")}</p>`,
      );
  }
  const levels = new Map<string, number>();
  for (const r of rows) if (r.level_name) levels.set(r.level_name, (levels.get(r.level_name) ?? 0) + 1);
  if (levels.size > 0) {
    const parts = [...levels].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${esc(k)} ${n}`);
    lines.push(`<p>${esc(L.level)}：${parts.join("，")}。</p>`);
  }
  const subject = rows.find((r) => r.region === data.region.code);
  if (subject) {
    lines.push(
      `<p><b>${esc(subject.name)}</b>：${esc(L.rank)} ${subject.rank} / ${rows.length}，${esc(L.index)} ${fixed(subject.index, 4)}，${esc(L.level)} ${esc(subject.level_name ?? DASH)}。</p>`,
    );
  }
  const incomeNote = inc?.estimate
    ? `<p class="note">${esc(L.estimateNote(inc.estimate.used, inc.estimate.total, inc.estimate.missing.join("、"), String(inc.estimate.weightYear)))}</p>`
    : "";
  return `<div class="cards">${cards.join("")}</div>\n${lines.join("\n")}\n${incomeNote}`;
}

// ───────────────────────────── 2 urban vs rural ─────────────────────────────

function incomeSection(data: ReportData, L: Labels): string {
  const years = data.income.years;
  const head = [
    L.year,
    `${L.urbanIncome}（${L.yuan}）`,
    `${L.ruralIncome}（${L.yuan}）`,
    `${L.incomeGap}（${L.yuan}）`,
    L.incomeRatio,
    L.basis,
  ].map(esc);
  const rows = years.map((y) => [
    String(y.year),
    num(grouped(y.urban)),
    num(grouped(y.rural)),
    num(grouped(y.gap)),
    num(fixed(y.ratio, 2)),
    y.basis === "estimated"
      ? `<span class="tag est">${esc(L.estimated)}</span>`
      : y.basis === "reported"
        ? `<span class="tag rep">${esc(L.reported)}</span>`
        : esc(L.noData),
  ]);
  const chart = incomeChartSvg({
    years: years.map((y) => y.year),
    urban: years.map((y) => (finite(y.urban) ? Math.round(y.urban) : null)),
    rural: years.map((y) => (finite(y.rural) ? Math.round(y.rural) : null)),
    ratio: years.map((y) => (finite(y.ratio) ? Number(y.ratio.toFixed(3)) : null)),
    labels: {
      urban: L.urbanIncome,
      rural: L.ruralIncome,
      ratio: L.incomeRatio,
      yuan: L.yuan,
      ratioAxis: L.chartRatioAxis,
      title: `${data.region.name} ${L.chartTitle}`,
    },
  });
  const est = years.find((y) => y.year === data.year)?.estimate ?? years.find((y) => y.estimate)?.estimate;
  const weightYears = [...new Set(years.map((y) => y.estimate?.weightYear).filter(finite))].sort(
    (a, b) => a - b,
  );
  const note = est
    ? `<p class="note">${esc(L.estimateNote(est.used, est.total, est.missing.join("、"), weightYears.join("/")))}</p>`
    : "";
  const units = [...data.income.units].sort(
    (a, b) => (a.ratio ?? Infinity) - (b.ratio ?? Infinity) || (a.code < b.code ? -1 : 1),
  );
  const unitRows = units.map((u) => [
    esc(u.name),
    esc(u.code),
    num(grouped(u.urban)),
    num(grouped(u.rural)),
    num(fixed(u.ratio, 2)),
    num(fixed(u.previousRatio, 2)),
    num(signed(finite(u.ratio) && finite(u.previousRatio) ? u.ratio - u.previousRatio : null, 2)),
  ]);
  const unitHead = [
    L.region,
    L.code,
    `${L.urban}（${L.yuan}）`,
    `${L.rural}（${L.yuan}）`,
    L.incomeRatio,
    `${L.previous}`,
    L.change,
  ].map(esc);
  return `<h3>${esc(data.region.name)} ${esc(L.municipal)}</h3>
${table(head, rows)}
${note}
<figure>${chart}<figcaption>${esc(L.chartTitle)}</figcaption></figure>
<h3>${esc(L.districtIncome)}（${data.year}）</h3>
${table(unitHead, unitRows, "compact")}`;
}

// ───────────────────────────── 3 ranking and index map ─────────────────────────────

function rankingSection(data: ReportData, L: Labels): string {
  const head = [L.rank, L.region, L.code, L.index, L.uUrban, L.uRural, L.d, L.level].map(esc);
  const rows: Array<Array<string | SpanCell>> = data.rows.map((r) => [
    String(r.rank),
    esc(r.name),
    esc(r.region),
    num(fixed(r.index, 4)),
    num(fixed(r.u_urban, 4)),
    num(fixed(r.u_rural, 4)),
    num(fixed(r.coordination, 4)),
    esc(r.level_name ?? DASH),
  ]);
  for (const d of data.dropped) {
    rows.push([
      DASH,
      esc(d.name),
      esc(d.region),
      {
        html: `<span class="muted">${esc(L.notRanked)}（${esc(L.missing)} ${esc(d.missing.join(", "))}）</span>`,
        colspan: 5,
      },
    ]);
  }
  const values = data.rows.map((r) => r.index);
  const breaks = quantileBreaks(values, 5, 3);
  const classes = breaks.length - 1;
  const palette = pickColours(SEQUENTIAL, classes);
  const index = new Map(data.rows.map((r) => [r.region, r.index]));
  const legend = [];
  for (let i = 0; i < classes; i++)
    legend.push({
      colour: palette[i],
      label: `${fixed(breaks[i], 3)} – ${fixed(breaks[i + 1], 3)}${i < classes - 1 ? "" : ""}`,
    });
  legend.push({ colour: NO_DATA, label: L.noData });
  const map = choroplethSvg({
    features: data.units,
    fill: (code) => {
      const v = index.get(code);
      return v === undefined ? NO_DATA : palette[classOf(v, breaks)];
    },
    legendTitle: L.mapIndexLegend,
    legend,
    title: L.mapIndexTitle(data.year),
  });
  return `${table(head, rows, "compact ranking")}
<figure class="map-figure">${map}<figcaption>${esc(L.mapIndexTitle(data.year))}</figcaption></figure>`;
}

function pickColours(palette: readonly string[], n: number): string[] {
  if (n <= 1) return [palette[Math.floor(palette.length / 2)]];
  return Array.from({ length: n }, (_, i) => palette[Math.round((i * (palette.length - 1)) / (n - 1))]);
}

// ───────────────────────────── 4 coupling coordination ─────────────────────────────

function couplingSection(data: ReportData, L: Labels, lang: ReportLang): string {
  if (!data.scheme.analyses.coupling) return `<p>${esc(L.noData)}</p>`;
  const level = new Map(data.rows.map((r) => [r.region, r.level]));
  const name = (lv: (typeof COORDINATION_LEVELS)[number]) => (lang === "zh" ? lv.zh : lv.en);
  const counts = COORDINATION_LEVELS.map((lv) => data.rows.filter((r) => r.level === lv.level));
  const legend = COORDINATION_LEVELS.map((lv, i) => ({
    colour: LEVEL_COLOURS[i],
    label: `${lv.level} ${name(lv)}（${counts[i].length}）`,
  }));
  legend.push({ colour: NO_DATA, label: L.noData });
  const map = choroplethSvg({
    features: data.units,
    fill: (code) => {
      const lv = level.get(code);
      return lv === undefined || lv === null ? NO_DATA : (LEVEL_COLOURS[lv - 1] ?? NO_DATA);
    },
    legendTitle: L.mapLevelLegend,
    legend,
    title: L.mapLevelTitle(data.year),
  });
  const rows = COORDINATION_LEVELS.map((lv, i) => [
    String(lv.level),
    `<span class="nowrap"><span class="status" style="background:${LEVEL_COLOURS[i]}">&nbsp;</span> ${esc(name(lv))}</span>`,
    num(String(counts[i].length)),
    counts[i].map((r) => esc(r.name)).join("、"),
  ]).filter((_, i) => counts[i].length > 0);
  return `<figure class="map-figure">${map}<figcaption>${esc(L.mapLevelTitle(data.year))}</figcaption></figure>
${table([L.level, "", L.count, L.regions].map(esc), rows, "compact")}`;
}

// ───────────────────────────── 5 obstacles ─────────────────────────────

function obstacleSection(data: ReportData, L: Labels): string {
  if (!data.scheme.analyses.obstacles) return `<p>${esc(L.noData)}</p>`;
  const parts: string[] = [];
  const ob = data.obstacles;
  if (ob) {
    parts.push(
      `<figure>${barChartSvg({
        names: ob.means.map((m) => `${m.name}（${m.code}）`),
        values: ob.means.map((m) => m.mean * 100),
        title: `${L.obstacleTitle}（${data.year}，n = ${ob.units}）`,
        axisName: L.obstacleAxis,
        colours: ob.means.map((m) => (m.subsystem === "urban" ? "#4393c3" : "#5aae61")),
      })}<figcaption>${esc(L.obstacleTitle)}</figcaption></figure>`,
    );
    parts.push(
      table(
        [L.indicator, L.code, L.subsystem, L.meanObstacle, L.inTop].map(esc),
        ob.means.map((m) => [
          esc(m.name),
          esc(m.code),
          esc(m.subsystem === "urban" ? L.urban : L.rural),
          num(percent(m.mean, 1)),
          num(String(m.inTop)),
        ]),
        "compact",
      ),
    );
  }
  const topN = data.scheme.analyses.obstacles.top_n;
  const head = [
    L.rank,
    L.region,
    ...Array.from({ length: topN }, (_, i) => L.top(i + 1)),
    `${L.urban} / ${L.rural}`,
  ].map(esc);
  const rows = data.rows.map((r) => [
    String(r.rank),
    esc(r.name),
    ...Array.from({ length: topN }, (_, i) => {
      const o = r.top_obstacles?.[i];
      return o ? `${esc(o.name)} ${percent(o.obstacle, 1)}` : DASH;
    }),
    r.group_obstacles
      ? `${percent(r.group_obstacles.urban, 1)} / ${percent(r.group_obstacles.rural, 1)}`
      : DASH,
  ]);
  parts.push(`<h3>${esc(L.obstacleUnits)}</h3>`, table(head, rows, "compact"));
  return parts.join("\n");
}

// ───────────────────────────── 6 targets ─────────────────────────────

function targetSection(data: ReportData, L: Labels): string {
  const m = data.monitoring;
  if (!m) return `<p class="note">${esc(L.noPlan)}</p>`;
  const v = m.view;
  const chip = (status: string, text?: string) =>
    `<span class="status" style="background:${STATUS_COLOURS[status] ?? NO_DATA}">${esc(text ?? L.statusLabels[status] ?? status)}</span>`;
  const parts: string[] = [];
  parts.push(
    `<p><b>${esc(v.plan.name)}</b>（${esc(v.plan.id)}）${v.plan.illustrative ? ` <span class="tag est">${esc(L.illustrative)}</span>` : ""}，as of ${v.asOfYear}。</p>`,
  );
  parts.push(
    `<p>${Object.entries(v.counts)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${chip(s)} ${n}`)
      .join("　")}</p>`,
  );
  const targetRows = v.targets.map((t) => {
    const results = v.results.filter((r) => r.targetId === t.id);
    const byStatus = new Map<string, number>();
    for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    return [
      esc(t.id),
      esc(t.name),
      esc(t.indicator),
      `${esc(L.forms[t.form] ?? t.form)} ${grouped(t.targetValue, Number.isInteger(t.targetValue) ? 0 : 2)}${t.form === "avg_annual_growth_at_least" ? "%" : t.unit ? ` ${esc(t.unit)}` : ""}`,
      `${t.baselineYear}→${t.targetYear}`,
      esc(L.kinds[t.kind] ?? t.kind),
      esc(t.department ?? DASH),
      [...byStatus].map(([s, n]) => `${chip(s)} ${n}`).join(" "),
    ];
  });
  parts.push(
    table(
      [
        L.target,
        "",
        L.indicator,
        L.targetValue,
        `${L.baseline}→${L.targetYear}`,
        L.kind,
        L.department,
        L.statusCounts,
      ].map(esc),
      targetRows,
      "compact",
    ),
  );

  // targets × regions grid, coloured by status
  const regions = v.regions;
  if (regions.length > 1 && v.targets.length > 0) {
    const res = new Map(v.results.map((r) => [`${r.targetId}|${r.region}`, r]));
    const gridRows = regions.map((reg) => [
      esc(reg.name),
      ...v.targets.map((t) => {
        const r = res.get(`${t.id}|${reg.code}`);
        return r ? chip(r.status, progressText(r.progress)) : "";
      }),
    ]);
    parts.push(table([L.region, ...v.targets.map((t) => t.id)].map(esc), gridRows, "compact grid"));
    parts.push(
      `<p class="muted">${esc(L === LABELS.zh ? "格内数字为目标进度（已完成距离的比例，%）；颜色为状态。" : "Cell numbers: progress (share of the distance covered, %); colours: status.")}</p>`,
    );
  }
  parts.push(`<h3>${esc(L.openWarnings)}（${m.warnings.length}）</h3>`);
  if (m.warnings.length === 0) parts.push(`<p>${esc(L.noWarnings)}</p>`);
  else {
    const shown = m.warnings.slice(0, 80);
    parts.push(
      table(
        [L.severity, L.type, L.region, L.target, L.year, L.message].map(esc),
        shown.map((w) => [
          esc(L.severities[w.severity] ?? w.severity),
          esc(L.warningTypes[w.type] ?? w.type),
          esc(w.regionName ?? w.region),
          esc(w.targetId),
          String(w.year),
          esc(w.message),
        ]),
        "compact",
      ),
    );
    if (m.warnings.length > shown.length)
      parts.push(`<p class="muted">… +${m.warnings.length - shown.length}</p>`);
  }
  return parts.join("\n");
}

function progressText(p: number | null): string {
  return finite(p) ? fixed(p * 100, 0) : DASH;
}

// ───────────────────────────── 7 appendix ─────────────────────────────

function appendixSection(data: ReportData, L: Labels, lang: ReportLang): string {
  const s = data.scheme;
  const zh = lang === "zh";
  const a = s.analyses;
  const method: string[] = [
    zh
      ? `评价单元：${esc(s.region)} 下 ${esc(s.level)} 级区域；年份 ${s.years.from}–${s.years.to}；缺失规则 ${esc(s.missing)}。`
      : `Units: regions at level ${esc(s.level)} in ${esc(s.region)}; years ${s.years.from}–${s.years.to}; missing rule ${esc(s.missing)}.`,
    zh
      ? `标准化：极差标准化（min-max），范围 ${esc(s.normalisation.scope)}（pooled 为全部区县-年份合并标准化，指数可跨年比较）。赋权：${esc(s.weighting)}。`
      : `Normalisation: min-max over ${esc(s.normalisation.scope)} (pooled: all unit-years together, so indices compare across years). Weighting: ${esc(s.weighting)}.`,
    zh
      ? `综合：子系统内加权求和得 U₁（城镇）、U₂（乡村），综合指数 = ${esc(`${s.aggregation.group_weights.urban}·U₁ + ${s.aggregation.group_weights.rural}·U₂`)}（${esc(s.aggregation.weights_scope)}）。`
      : `Aggregation: weighted sums within subsystems give U₁ (urban) and U₂ (rural); index = ${esc(`${s.aggregation.group_weights.urban}·U₁ + ${s.aggregation.group_weights.rural}·U₂`)} (${esc(s.aggregation.weights_scope)}).`,
  ];
  if (a.coupling)
    method.push(
      zh
        ? `耦合协调度：C、T、D（公式 ${esc(a.coupling.formula)}），D 分为 10 个等级（极度失调 … 优质协调）。`
        : `Coupling coordination: C, T, D (formula ${esc(a.coupling.formula)}); D in 10 levels.`,
    );
  if (a.obstacles)
    method.push(
      zh
        ? `障碍度：以综合指数的有效权重计算，各区县列出前 ${a.obstacles.top_n} 位；平均障碍度为全部指标障碍度在各区县上的算术平均（按同一运行的数据在内存中重算并与运行结果核对）。`
        : `Obstacle degree with the index's effective weights; top ${a.obstacles.top_n} per unit; the mean obstacle degree averages every indicator's degree over the units (recomputed in memory on the run's data and checked against the run).`,
    );
  if (a.theil)
    method.push(
      zh
        ? `泰尔指数：城乡收入（${esc(a.theil.urban_income)}、${esc(a.theil.rural_income)}）。`
        : `Theil index of ${esc(a.theil.urban_income)} and ${esc(a.theil.rural_income)}.`,
    );
  if (a.moran || a.lisa)
    method.push(
      zh
        ? `空间自相关：莫兰指数与 LISA，空间权重 ${esc(a.spatial_weights?.type ?? "queen")}${a.moran ? `，置换 ${a.moran.permutations} 次，种子 ${a.moran.seed}` : ""}。`
        : `Spatial autocorrelation: Moran's I and LISA on ${esc(a.spatial_weights?.type ?? "queen")} weights${a.moran ? `, ${a.moran.permutations} permutations, seed ${a.moran.seed}` : ""}.`,
    );

  const weightTables = data.run.summary.weights
    .filter((w) => w.year === null || w.year === data.year)
    .map(
      (w) =>
        table(
          [L.indicator, L.code, L.subsystem, L.direction, L.weight, L.effWeight].map(esc),
          w.indicators.map((i) => [
            esc(i.name),
            esc(i.code),
            esc(i.subsystem === "urban" ? L.urban : L.rural),
            esc(i.direction),
            num(fixed(i.weight, 4)),
            num(fixed(i.effective_weight, 4)),
          ]),
          "compact",
        ) +
        `<p class="muted">n = ${w.n}${w.year === null ? " (pooled)" : ` (${w.year})`}；${w.groups.map((g) => `${esc(g.group === "urban" ? L.urban : L.rural)} ${fixed(g.weight, 3)}`).join("，")}</p>`,
    );

  const p = data.provenance;
  const prov = [
    zh
      ? `方案读取的数值 ${p.values} 个（库存值 ${p.byOrigin.stored}，汇总值 ${p.byOrigin.rolled_up}，派生值 ${p.byOrigin.derived}）；指标 ${esc(p.indicators.join("、"))}。`
      : `${p.values} values read (${p.byOrigin.stored} stored, ${p.byOrigin.rolled_up} rolled up, ${p.byOrigin.derived} derived); indicators ${esc(p.indicators.join(", "))}.`,
    zh
      ? `审核状态：${
          Object.entries(p.byStatus)
            .map(([k, n]) => `${esc(k)} ${n}`)
            .join("，") || DASH
        }；经过修订（当前版本 > 1）的数值 ${p.revised} 个，最高版本号 ${p.maxRevision ?? DASH}；最近一次写入 ${esc(p.latestUpdate ?? DASH)}。`
      : `Status: ${
          Object.entries(p.byStatus)
            .map(([k, n]) => `${esc(k)} ${n}`)
            .join(", ") || DASH
        }; ${p.revised} values revised (revision > 1), highest revision ${p.maxRevision ?? DASH}; last written ${esc(p.latestUpdate ?? DASH)}.`,
  ];
  const sources = table(
    [zh ? "来源" : "Source", L.count].map(esc),
    p.sources.map((x) => [esc(x.source), num(String(x.count))]),
    "compact",
  );

  const r = data.run;
  const ids: Array<[string, string]> = [
    [L.run, esc(r.id)],
    [L.runHash, `<span class="hash">${esc(r.run_hash)}</span>`],
    [L.inputsHash, `<span class="hash">${esc(r.inputs_hash)}</span>`],
    [L.engine, esc(r.engine_version)],
    [L.schemeFile, data.schemeFile ? esc(data.schemeFile) : esc(L.noFile)],
    [L.scheme, `${esc(s.name)}${s.title ? ` — ${esc(s.title)}` : ""}`],
    [zh ? "运行时间" : "Run created", esc(r.created_at)],
  ];
  const extra: string[] = [];
  if (data.dropped.length > 0)
    extra.push(
      `<p>${esc(zh ? "未参评区县" : "Units not evaluated")}（${data.year}）：${data.dropped.map((d) => `${esc(d.name)} ${esc(d.region)}（${esc(L.missing)} ${esc(d.missing.join(", "))}）`).join("；")}</p>`,
    );
  if (r.summary.warnings.length > 0)
    extra.push(`<p class="muted">warnings: ${r.summary.warnings.map(esc).join("; ")}</p>`);
  if (s.notes) extra.push(`<p class="note">${esc(s.notes)}</p>`);
  const income = data.income.weightCodes
    ? `<p class="muted">${esc(zh ? "全市收入估算所用人口权重指标" : "Population weights of the income estimate")}：${esc(data.income.weightCodes.urban)}、${esc(data.income.weightCodes.rural)}</p>`
    : "";
  return `<h3>${esc(L.method)}</h3>
${method.map((m) => `<p>${m}</p>`).join("\n")}
<h3>${esc(L.weights)}</h3>
${weightTables.join("\n")}
<h3>${esc(L.sources)}</h3>
${prov.map((x) => `<p>${x}</p>`).join("\n")}
${sources}
${income}
${extra.join("\n")}
<h3>${esc(zh ? "运行标识" : "Run identifiers")}</h3>
${table(
  [zh ? "项目" : "Item", zh ? "值" : "Value"].map(esc),
  ids.map(([k, v]) => [esc(k), v]),
  "compact",
)}`;
}
