import { useMemo } from 'react';
import type { AnalyticsParams } from '../analyticsParams';
import { Chart, type ChartOption } from '../Chart';
import { DataTable } from '../DataTable';
import { Figure } from '../Figure';
import { formatCount } from '../format';
import { Formula } from '../Formula';
import { csvHref, useAnalytics } from '../useAnalytics';
import { STAGES_API, type StagesOverTime } from './stagesTypes';

const path = `${STAGES_API}/over-time`;

/** Customers per stage at the end of each period, as stacked areas (one per stage) and a table. */
export function StagesOverTimeFigure({ params }: { params: AnalyticsParams }) {
  const answer = useAnalytics<StagesOverTime>(path, params);
  const data = answer.data;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 56, right: 16, top: 40, bottom: 44 },
      // The first and last dates sit on the chart's edges: aligned inward, they clear the y-axis labels and the axis name.
      xAxis: { type: 'category', boundaryGap: false, data: data?.periods.map((row) => row.period) ?? [], name: data?.interval, nameLocation: 'middle', nameGap: 24, axisLabel: { alignMinLabel: 'left', alignMaxLabel: 'right' } },
      yAxis: { type: 'value', name: 'customers', minInterval: 1 },
      series: (data?.stages ?? []).map((stage) => ({
        type: 'line',
        name: stage,
        stack: 'customers',
        areaStyle: {},
        symbol: 'circle',
        showSymbol: (data?.periods.length ?? 0) <= 31,
        emphasis: { focus: 'series' },
        data: data?.periods.map((row) => row.counts[stage] ?? 0) ?? [],
      })),
    }),
    [data],
  );
  return (
    <Figure title="Customers per stage over time" loading={answer.isPending} error={answer.error}>
      <Chart option={option} label="Customers per stage over time (stacked)" />
      <Formula>
        For each period, the customers in each stage at its end (or at the end of the range): every recorded stage change before that
        moment, by its own timestamp, adds one to the stage entered and takes one from the stage left; customers first seen by then sit in
        the first stage until their first change.
      </Formula>
      <DataTable
        caption="Customers per stage at the end of each period"
        csv={csvHref(path, params)}
        rows={data?.periods ?? []}
        rowKey={(row) => row.period}
        columns={[
          { title: 'Period', cell: (row) => row.period },
          ...(data?.stages ?? []).map((stage) => ({
            title: stage,
            cell: (row: StagesOverTime['periods'][number]) => formatCount(row.counts[stage] ?? 0),
            numeric: true,
          })),
        ]}
      />
    </Figure>
  );
}
