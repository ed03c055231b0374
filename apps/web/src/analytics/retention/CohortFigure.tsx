import { useState } from 'react';
import type { AnalyticsParams } from '../analyticsParams';
import { DataTable, type Column } from '../DataTable';
import { Figure } from '../Figure';
import { formatCount, formatPercent } from '../format';
import { Formula } from '../Formula';
import { csvHref, useAnalytics } from '../useAnalytics';
import { CohortHeatmap } from './CohortHeatmap';
import { RetentionCurve } from './RetentionCurve';
import type { CohortAnswer, CohortEventsAnswer } from './retentionTypes';

type Row = CohortAnswer['cohorts'][number];

/** The cohort matrix (heatmap and table) and the retention curves, grouped by first-seen or by a chosen first event. */
export function CohortFigure({ params }: { params: AnalyticsParams }) {
  const [event, setEvent] = useState('');
  const extra = event === '' ? {} : { cohortBy: 'event', event };
  const matrix = useAnalytics<CohortAnswer>('/api/analytics/retention/cohorts', params, extra);
  const events = useAnalytics<CohortEventsAnswer>('/api/analytics/retention/cohort-events', params);
  const answer = matrix.data;
  const width = answer?.average.length ?? 0;
  const columns: Column<Row>[] = [
    { title: 'Cohort', cell: (row) => row.cohort },
    { title: 'Customers', cell: (row) => formatCount(row.customers), numeric: true },
    ...Array.from({ length: width }, (_, offset): Column<Row> => ({ title: `${params.interval} ${offset}`, cell: (row) => cellText(row.cells[offset]?.rate), numeric: true })),
  ];
  const averageRow: Row = { cohort: 'Average (weighted)', customers: answer?.average[0]?.customers ?? 0, cells: answer?.average ?? [] };
  return (
    <Figure title="Cohort retention" loading={matrix.isLoading} error={matrix.error}>
      <label className="inline-field">
        Cohorts by{' '}
        <select aria-label="Cohorts by" value={event} onChange={(change) => setEvent(change.target.value)}>
          <option value="">first seen</option>
          {(events.data?.events ?? []).map((option) => (
            <option key={option.event} value={option.event}>
              first {option.event}
            </option>
          ))}
        </select>
      </label>
      {answer && (
        <>
          <CohortHeatmap answer={answer} />
          <RetentionCurve answer={answer} />
          <DataTable caption="Cohort matrix (% of the cohort active)" columns={columns} rows={answer.cohorts.length ? [...answer.cohorts, averageRow] : []} rowKey={(row) => row.cohort} csv={csvHref('/api/analytics/retention/cohorts', params, extra)} />
        </>
      )}
      <Formula>
        A cohort is the customers first seen (or, when an event is chosen, who first did it) in the same {params.interval}. Cell ={' '}
        customers of the cohort active in that {params.interval} ÷ customers in the cohort; {params.interval} 0 is the cohort&apos;s own.
        Active = did one of the activity events in Settings (none set: any event of their own; internal events never count).
        The average curve is weighted: all active ÷ all customers, over the cohorts old enough to have that {params.interval}.
      </Formula>
    </Figure>
  );
}

function cellText(rate: number | null | undefined): string {
  return rate === undefined ? '' : formatPercent(rate);
}
