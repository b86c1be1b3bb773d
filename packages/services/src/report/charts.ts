// Charts rendered server-side by ECharts to SVG strings (no DOM, no browser): `ssr: true` with the SVG
// renderer, animation off, the CJK font named so Chromium and any SVG viewer draw the Chinese labels.
// ECharts is loaded on first use (`loadChartEngine`, awaited by buildReport): it is large and only reports need it.
type EchartsModule = typeof import("echarts");
let echarts: EchartsModule | undefined;

export async function loadChartEngine(): Promise<void> {
  echarts ??= await import("echarts");
}

const FONT = "'Noto Sans CJK SC', 'Noto Serif CJK SC', sans-serif";

function render(option: Record<string, unknown>, width: number, height: number): string {
  if (!echarts) throw new Error("loadChartEngine() must be awaited before rendering charts");
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface IncomeChartInput {
  years: number[];
  /** yuan per person; null = no value (gap in the line) */
  urban: (number | null)[];
  rural: (number | null)[];
  ratio: (number | null)[];
  labels: { urban: string; rural: string; ratio: string; yuan: string; ratioAxis: string; title: string };
}

/** Urban and rural per-capita income (left axis, yuan) and their ratio (right axis). */
export function incomeChartSvg(input: IncomeChartInput, width = 640, height = 300): string {
  const l = input.labels;
  return render(
    {
      title: { text: l.title, left: "center", textStyle: { fontSize: 13, fontFamily: FONT } },
      legend: { bottom: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 64, right: 56, top: 40, bottom: 48 },
      xAxis: { type: "category", data: input.years.map(String) },
      yAxis: [
        { type: "value", name: l.yuan, nameTextStyle: { fontFamily: FONT } },
        {
          type: "value",
          name: l.ratioAxis,
          scale: true,
          splitLine: { show: false },
          nameTextStyle: { fontFamily: FONT },
        },
      ],
      series: [
        { name: l.urban, type: "line", data: input.urban, symbolSize: 5, itemStyle: { color: "#2166ac" } },
        { name: l.rural, type: "line", data: input.rural, symbolSize: 5, itemStyle: { color: "#1a9850" } },
        {
          name: l.ratio,
          type: "line",
          yAxisIndex: 1,
          data: input.ratio,
          symbolSize: 5,
          lineStyle: { type: "dashed" },
          itemStyle: { color: "#d73027" },
        },
      ],
    },
    width,
    height,
  );
}

export interface BarChartInput {
  /** category labels, drawn top to bottom */
  names: string[];
  values: number[];
  title: string;
  axisName: string;
  colours?: string[];
}

/** Horizontal bars (e.g. mean obstacle degree per indicator, in %). */
export function barChartSvg(input: BarChartInput, width = 640, height?: number): string {
  const h = height ?? Math.max(160, 60 + input.names.length * 28);
  return render(
    {
      title: { text: input.title, left: "center", textStyle: { fontSize: 13, fontFamily: FONT } },
      grid: { left: 200, right: 48, top: 36, bottom: 36 },
      xAxis: { type: "value", name: input.axisName, nameLocation: "middle", nameGap: 24 },
      yAxis: { type: "category", data: [...input.names].reverse(), axisLabel: { fontFamily: FONT } },
      series: [
        {
          type: "bar",
          data: [...input.values]
            .map((v, i) => ({
              value: Number(v.toFixed(2)),
              itemStyle: { color: input.colours?.[i] ?? "#4393c3" },
            }))
            .reverse(),
          label: { show: true, position: "right", formatter: "{c}" },
          barMaxWidth: 18,
        },
      ],
    },
    width,
    h,
  );
}
