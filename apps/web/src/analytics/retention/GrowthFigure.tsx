import { useMemo } from 'react';
import type { AnalyticsParams } from '../analyticsParams';
import { Chart } from '../Chart';
import { DataTable, type Column } from '../DataTable';
import { Figure } from '../Figure';
import { formatCount } from '../format';
import { Formula } from '../Formula';
import { csvHref, useAnalytics } from '../useAnalytics';
import type { GrowthPeriod } from './retentionTypes';

/** The growth lens: who is active each period and why, dormant customers below zero. */
export function GrowthFigure({ params }: { params: AnalyticsParams }) {
  const growth = useAnalytics<{ periods: GrowthPeriod[] }>('/api/analytics/retention/growth', params);
  const periods = useMemo(() => growth.data?.periods ?? [], [growth.data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => formatCount(Math.abs(value)) },
      legend: { bottom: 0 },
      grid: { left: 50, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: periods.map((row) => row.period) },
      yAxis: { type: 'value', name: 'customers', axisLabel: { formatter: (value: number) => formatCount(Math.abs(value)) } },
      series: [
        { name: 'New', type: 'bar', stack: 'growth', data: periods.map((row) => row.new) },
        { name: 'Returning', type: 'bar', stack: 'growth', data: periods.map((row) => row.returning) },
        { name: 'Resurrecting', type: 'bar', stack: 'growth', data: periods.map((row) => row.resurrecting) },
        { name: 'Dormant', type: 'bar', stack: 'growth', data: periods.map((row) => -row.dormant) },
      ],
    }),
    [periods],
  );
  const columns: Column<GrowthPeriod>[] = [
    { title: 'Period', cell: (row) => row.period },
    { title: 'Active', cell: (row) => formatCount(row.active), numeric: true },
    { title: 'New', cell: (row) => formatCount(row.new), numeric: true },
    { title: 'Returning', cell: (row) => formatCount(row.returning), numeric: true },
    { title: 'Resurrecting', cell: (row) => formatCount(row.resurrecting), numeric: true },
    { title: 'Dormant', cell: (row) => formatCount(row.dormant), numeric: true },
  ];
  return (
    <Figure title="Growth lens" loading={growth.isLoading} error={growth.error}>
      <Chart option={option} label="Growth lens: new, returning, resurrecting and dormant customers per period" />
      <DataTable caption="Growth lens" columns={columns} rows={periods} rowKey={(row) => row.period} csv={csvHref('/api/analytics/retention/growth', params)} />
      <Formula>
        Per {params.interval}, of the customers active in it: new = their first active {params.interval} ever; returning = also active in the previous one;
        resurrecting = not active in the previous one but active before. Dormant = active in the previous {params.interval} but not in this one (drawn below zero).
        Active = did one of the activity events in Settings (none set: any event of their own).
      </Formula>
    </Figure>
  );
}
