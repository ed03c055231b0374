import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { getJson } from '../../api/client';
import type { AnalyticsParams } from '../analyticsParams';
import { Chart, type ChartOption } from '../Chart';
import { DataTable } from '../DataTable';
import { Figure } from '../Figure';
import { formatCount, formatDuration, formatPercent } from '../format';
import { Formula } from '../Formula';
import { csvHref, useAnalytics } from '../useAnalytics';
import { STAGES_API, type StageFunnel } from './stagesTypes';
import { WeakestStep } from './WeakestStep';

const path = `${STAGES_API}/funnel`;

/** The stage funnel between two chosen stages, its table, and the step that fell most against the period before. */
export function StageFunnelFigure({ params }: { params: AnalyticsParams }) {
  const config = useQuery({ queryKey: ['lifecycle-stages'], queryFn: () => getJson<{ stages: string[] }>('/api/lifecycle/stages') });
  const [ends, setEnds] = useState<{ start?: string; end?: string }>({});
  const answer = useAnalytics<StageFunnel>(path, params, ends);
  const steps = answer.data?.steps ?? [];
  const data = answer.data;
  const option = useMemo<ChartOption>(() => {
    const steps = data?.steps ?? [];
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} customers' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          minSize: '8%',
          label: { formatter: '{b}: {c}' },
          data: steps.map((step) => ({ name: step.stage, value: step.customers })),
        },
      ],
    };
  }, [data]);
  const stages = config.data?.stages ?? [];
  const pick = (field: 'start' | 'end', label: string) => (
    <label>
      {label}
      <select value={ends[field] ?? ''} onChange={(event) => setEnds({ ...ends, [field]: event.target.value || undefined })}>
        <option value="">default</option>
        {stages.map((stage) => (
          <option key={stage} value={stage}>
            {stage}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Figure title="Stage funnel" loading={answer.isPending} error={answer.error}>
      <form className="range-bar" aria-label="Funnel steps" onSubmit={(event) => event.preventDefault()}>
        {pick('start', 'First step')}
        {pick('end', 'Last step')}
      </form>
      {answer.data && <WeakestStep funnel={answer.data} />}
      <Chart option={option} label="Stage funnel" height={260} />
      <Formula>
        Of the customers who entered the first step in the range (their first entry in it; being first seen counts as entering the first
        configured stage), how many then reached each next stage of the configured order, in order (a skipped stage ends a customer’s way
        down). Conversion = a step’s customers ÷ the previous step’s; time between steps is the median of each customer’s time from reaching
        one step to reaching the next (exact up to 20,000 recorded stage changes; beyond, read from 5%-wide time buckets, linear within a
        bucket). The previous period is the same number of days just before the range; the weakest step is the one whose conversion fell
        most against it.
      </Formula>
      <DataTable
        caption="Stage funnel"
        csv={csvHref(path, params, ends)}
        rows={steps}
        rowKey={(row) => row.stage}
        columns={[
          { title: 'Step', cell: (row) => row.stage },
          { title: 'Customers', cell: (row) => formatCount(row.customers), numeric: true },
          { title: 'Conversion from previous', cell: (row) => formatPercent(row.rateFromPrevious), numeric: true },
          { title: 'From first step', cell: (row) => formatPercent(row.rateFromStart), numeric: true },
          { title: 'Median time from previous', cell: (row) => formatDuration(row.medianMsFromPrevious), numeric: true },
          { title: 'Previous period customers', cell: (row) => formatCount(row.previousCustomers), numeric: true },
          { title: 'Previous period conversion', cell: (row) => formatPercent(row.previousRateFromPrevious), numeric: true },
          {
            title: 'Change',
            cell: (row) => (row.drop === null ? '—' : `${row.drop > 0 ? '−' : '+'}${(Math.abs(row.drop) * 100).toFixed(1)} pts`),
            numeric: true,
          },
        ]}
      />
    </Figure>
  );
}
