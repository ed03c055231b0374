import { BarChart, FunnelChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts the Analytics area draws, so the bundle stays small; SVG so chart text is real text (readable by tests and screen readers).
echarts.use([BarChart, LineChart, FunnelChart, HeatmapChart, ScatterChart, AriaComponent, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * An ECharts chart: axes, legend, tooltips and resizing come from the library. `label` names the chart for
 * screen readers; ECharts' aria module adds a description of the data.
 */
export function Chart({ option, label, height = 320 }: { option: ChartOption; label: string; height?: number }) {
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
  return (
    <div role="img" aria-label={label}>
      <div ref={element} className="analytics-chart" style={{ height }} />
    </div>
  );
}
