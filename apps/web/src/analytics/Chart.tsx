import { BarChart, FunnelChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts the Analytics area draws, so the bundle stays small; SVG so chart text is real text (readable by tests and screen readers).
echarts.use([BarChart, LineChart, FunnelChart, HeatmapChart, ScatterChart, AriaComponent, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** True when every series (or the dataset) has no point at all: the chart would be bare axes. */
function hasNoData(option: ChartOption): boolean {
  const dataset = option.dataset as { source?: unknown } | undefined;
  if (dataset && Array.isArray(dataset.source)) return dataset.source.length === 0;
  const series = option.series;
  if (!Array.isArray(series) || series.length === 0) return false;
  return series.every((one: { data?: unknown }) => Array.isArray(one.data) && one.data.length === 0);
}

/**
 * An ECharts chart: axes, legend, tooltips and resizing come from the library. `label` names the chart for
 * screen readers; ECharts' aria module adds a description of the data.
 */
export function Chart({ option, label, height = 320, empty = 'No data in this range yet.' }: { option: ChartOption; label: string; height?: number; empty?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, animation: false, ...option }, { notMerge: true });
  }, [option]);

  // ECharts' aria module writes its own description on the element it draws in, so the name lives on a wrapper.
  // With nothing to draw, the chart stays mounted (hidden) and an empty state says so instead of bare axes.
  const nothing = hasNoData(option);
  return (
    <div role={nothing ? undefined : 'img'} aria-label={nothing ? undefined : label}>
      {nothing && (
        <p className="chart-empty" role="note">
          <span className="visually-hidden">{label}: </span>
          {empty}
        </p>
      )}
      <div ref={element} className="analytics-chart" style={{ height }} hidden={nothing} />
    </div>
  );
}
