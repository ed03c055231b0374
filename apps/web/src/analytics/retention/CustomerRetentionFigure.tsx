import { useMemo } from 'react';
import type { AnalyticsParams } from '../analyticsParams';
import { Chart } from '../Chart';
import { DataTable, type Column } from '../DataTable';
import { Figure } from '../Figure';
import { formatCount, formatPercent } from '../format';
import { Formula } from '../Formula';
import { csvHref, useAnalytics } from '../useAnalytics';
import type { ChurnAnswer, CrrPeriod } from './retentionTypes';

type Row = CrrPeriod & { churned: number; churnedToStage: number; churnedInactive: number; churnRate: number | null };

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** Customer retention rate and churn rate per period, side by side (same S). */
export function CustomerRetentionFigure({ params }: { params: AnalyticsParams }) {
  const crr = useAnalytics<{ periods: CrrPeriod[] }>('/api/analytics/retention/crr', params);
  const churn = useAnalytics<ChurnAnswer>('/api/analytics/retention/churn', params);
  const rows = useMemo<Row[]>(() => (crr.data?.periods ?? []).map((period, index) => ({ ...period, ...(churn.data?.periods[index] ?? { churned: 0, churnedToStage: 0, churnedInactive: 0, churnRate: null }) })), [crr.data, churn.data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value: number | null) => (value === null ? '—' : `${value}%`) },
      legend: { bottom: 0 },
      grid: { left: 50, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: rows.map((row) => row.period) },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: 'Customer retention rate', type: 'line', data: rows.map((row) => percent(row.crr)) },
        { name: 'Churn rate', type: 'line', data: rows.map((row) => percent(row.churnRate)) },
      ],
    }),
    [rows],
  );
  const inactivity = churn.data?.churnInactivityDays;
  const columns: Column<Row>[] = [
    { title: 'Period', cell: (row) => row.period },
    { title: 'At start (S)', cell: (row) => formatCount(row.start), numeric: true },
    { title: 'At end (E)', cell: (row) => formatCount(row.end), numeric: true },
    { title: 'New (N)', cell: (row) => formatCount(row.new), numeric: true },
    { title: 'CRR', cell: (row) => formatPercent(row.crr), numeric: true },
    { title: 'Churned', cell: (row) => formatCount(row.churned), numeric: true },
    { title: 'Churn rate', cell: (row) => formatPercent(row.churnRate), numeric: true },
  ];
  return (
    <Figure title="Customer retention and churn" loading={crr.isLoading || churn.isLoading} error={crr.error ?? churn.error}>
      <Chart option={option} label="Customer retention rate and churn rate per period" />
      <DataTable caption="Customer retention rate" columns={columns} rows={rows} rowKey={(row) => row.period} csv={csvHref('/api/analytics/retention/crr', params)} />
      <p className="small">
        <a className="button-link small" href={csvHref('/api/analytics/retention/churn', params)} download>
          Download churn CSV
        </a>
      </p>
      <Formula>
        CRR = (E − N) ÷ S, where S and E are the customers in the customer stages (Settings) at the period&apos;s start and end, and N those at the end who
        were not at the start (they became customers during it), so E − N are the customers of S still customers at the end. Membership at an instant is the
        stage a customer&apos;s last stage change before it moved them to. Churn rate = customers of S who moved into a churn stage (
        {(churn.data?.churnStages ?? []).join(', ') || 'none set'})
        {inactivity ? ` or whose inactivity reached ${inactivity} days (no activity on the ${inactivity} days after their last active day)` : ''} during the
        period ÷ S. No rate when S is 0.
      </Formula>
    </Figure>
  );
}
