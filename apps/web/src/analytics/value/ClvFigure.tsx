import { useMemo, useState } from 'react';
import type { AnalyticsParams } from '../analyticsParams';
import { Chart, type ChartOption } from '../Chart';
import { DataTable } from '../DataTable';
import { Figure } from '../Figure';
import { formatCount, formatMoney } from '../format';
import { Formula } from '../Formula';
import { csvHref, useAnalytics } from '../useAnalytics';
import type { ClvBreakdown, ClvBy } from './valueTypes';

const PATH = '/api/analytics/value/clv';
const GROUPINGS: { id: ClvBy; label: string }[] = [
  { id: 'cohort', label: 'Cohort (first-seen month)' },
  { id: 'segment', label: 'Segment' },
  { id: 'stage', label: 'Stage' },
  { id: 'channel', label: 'Channel' },
];

/** Historical CLV (revenue to date) averaged per cohort, segment, stage or channel. */
export function ClvFigure({ params }: { params: AnalyticsParams }) {
  const [by, setBy] = useState<ClvBy>('cohort');
  const answer = useAnalytics<ClvBreakdown>(PATH, params, { by });
  const data = answer.data;
  const currency = data?.baseCurrency ?? 'USD';
  const option = useMemo<ChartOption>(() => {
    const groups = data?.groups ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['Average CLV'] },
      grid: { left: 70, right: 20, bottom: 60 },
      xAxis: { type: 'category', data: groups.map((row) => row.group), axisLabel: { interval: 0, rotate: groups.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: currency },
      series: [{ name: 'Average CLV', type: 'bar', data: groups.map((row) => row.averageClv) }],
    };
  }, [data, currency]);
  return (
    <Figure title="Historical CLV" loading={answer.isPending} error={answer.error}>
      <div className="field inline-form">
        <label htmlFor="clv-by">Group by</label>
        <select id="clv-by" value={by} onChange={(event) => setBy(event.target.value as ClvBy)}>
          {GROUPINGS.map((grouping) => <option key={grouping.id} value={grouping.id}>{grouping.label}</option>)}
        </select>
      </div>
      {data && (
        <>
          <Chart option={option} label={`Average historical CLV per ${by}`} />
          <Formula>
            historical CLV of a customer = their revenue to date in {currency}; a group&apos;s average = the revenue to date of its customers ÷ its customers (customers who never bought
            count as 0). Cohorts are the customers first seen in each month of the range; segments, stages and channels are as they are now.
          </Formula>
          <DataTable
            caption={`Average CLV per ${by}`}
            csv={csvHref(PATH, params, { by })}
            rows={data.groups}
            rowKey={(row) => row.group}
            columns={[
              { title: GROUPINGS.find((grouping) => grouping.id === by)?.label ?? by, cell: (row) => row.group },
              { title: 'Customers', cell: (row) => formatCount(row.customers), numeric: true },
              { title: `Revenue to date (${currency})`, cell: (row) => formatMoney(row.revenue, currency), numeric: true },
              { title: 'Average CLV', cell: (row) => formatMoney(row.averageClv, currency), numeric: true },
            ]}
          />
        </>
      )}
    </Figure>
  );
}
