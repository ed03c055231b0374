import { useMemo } from 'react';
import type { AnalyticsParams } from '../analyticsParams';
import { Chart, type ChartOption } from '../Chart';
import { DataTable } from '../DataTable';
import { Figure } from '../Figure';
import { formatCount, formatDuration } from '../format';
import { Formula } from '../Formula';
import { csvHref, useAnalytics } from '../useAnalytics';
import { STAGES_API, type TimeInStage } from './stagesTypes';

const path = `${STAGES_API}/time-in-stage`;
const DAY_MS = 86_400_000;
const days = (ms: number | null) => (ms === null ? null : Math.round((ms / DAY_MS) * 100) / 100);

/** Median and p90 time in each stage, finished stays and current ones, as bars and a table. */
export function TimeInStageFigure({ params }: { params: AnalyticsParams }) {
  const answer = useAnalytics<TimeInStage>(path, params);
  const rows = answer.data?.stages ?? [];
  const data = answer.data;
  const option = useMemo<ChartOption>(() => {
    const rows = data?.stages ?? [];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (typeof value === 'number' ? `${value} days` : '—') },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: rows.map((row) => row.stage), name: 'stage' },
      yAxis: { type: 'value', name: 'days' },
      series: [
        { type: 'bar', name: 'finished: median', data: rows.map((row) => days(row.finished.medianMs)) },
        { type: 'bar', name: 'finished: p90', data: rows.map((row) => days(row.finished.p90Ms)) },
        { type: 'bar', name: 'current: median', data: rows.map((row) => days(row.current.medianMs)) },
        { type: 'bar', name: 'current: p90', data: rows.map((row) => days(row.current.p90Ms)) },
      ],
    };
  }, [data]);
  return (
    <Figure title="Time in stage" loading={answer.isPending} error={answer.error}>
      <Chart option={option} label="Time in stage, median and 90th percentile" height={280} />
      <Formula>
        A stay runs from a recorded stage change to the customer’s next one. Finished stays: those that ended in the range, their median and
        90th percentile (linearly interpolated between ranks). Current stays: those still going on at the end of the range (now, when the
        range reaches today), measured up to then. The first stage’s time before a customer’s first recorded change is not a recorded stay.
      </Formula>
      <DataTable
        caption="Time in stage"
        csv={csvHref(path, params)}
        rows={rows}
        rowKey={(row) => row.stage}
        columns={[
          { title: 'Stage', cell: (row) => row.stage },
          { title: 'Finished stays', cell: (row) => formatCount(row.finished.count), numeric: true },
          { title: 'Median', cell: (row) => formatDuration(row.finished.medianMs), numeric: true },
          { title: 'p90', cell: (row) => formatDuration(row.finished.p90Ms), numeric: true },
          { title: 'Current stays', cell: (row) => formatCount(row.current.count), numeric: true },
          { title: 'Current median', cell: (row) => formatDuration(row.current.medianMs), numeric: true },
          { title: 'Current p90', cell: (row) => formatDuration(row.current.p90Ms), numeric: true },
        ]}
      />
    </Figure>
  );
}
