// Thin ECharts wrapper (SVG renderer: crisp on any screen, and its output can be inspected in tests).
// `data-points` on the container counts the finite data points drawn, for the e2e tests and for a11y tools.
import { BarChart, CustomChart, LineChart, ScatterChart } from "echarts/charts";
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([
  BarChart,
  CustomChart,
  LineChart,
  ScatterChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type EChartOption = echarts.EChartsCoreOption;

function countPoints(option: EChartOption): number {
  const series = (option as { series?: unknown }).series;
  const list = Array.isArray(series) ? series : series ? [series] : [];
  let n = 0;
  for (const s of list as { data?: unknown[] }[]) {
    for (const d of s.data ?? []) {
      const v = Array.isArray(d)
        ? d[d.length - 1]
        : d && typeof d === "object"
          ? (d as { value?: unknown }).value
          : d;
      const last = Array.isArray(v) ? v[v.length - 1] : v;
      if (typeof last === "number" && Number.isFinite(last)) n++;
    }
  }
  return n;
}

export function EChart({
  option,
  height = 280,
  testId,
}: {
  option: EChartOption;
  height?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: "svg" });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return (
    <div
      ref={ref}
      className="chart"
      style={{ height }}
      data-testid={testId}
      data-points={countPoints(option)}
    />
  );
}
