import { useMemo } from 'react';
import type { AnalyticsParams } from '../analyticsParams';
import { Chart, type ChartOption } from '../Chart';
import { DataTable } from '../DataTable';
import { Figure } from '../Figure';
import { formatCount, formatPercent } from '../format';
import { Formula } from '../Formula';
import { csvHref, useAnalytics } from '../useAnalytics';
import { STAGES_API, type CurrentStages } from './stagesTypes';

const path = `${STAGES_API}/current`;

/** Customers per stage now: a bar per stage and the same numbers as a table. */
export function CurrentStagesFigure({ params }: { params: AnalyticsParams }) {
  const answer = useAnalytics<CurrentStages>(path, params);
  const rows = answer.data?.stages ?? [];
  const data = answer.data;
  const option = useMemo<ChartOption>(() => {
    const rows = data?.stages ?? [];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: rows.map((row) => row.stage), name: 'stage' },
      yAxis: { type: 'value', name: 'customers', minInterval: 1 },
      series: [{ type: 'bar', name: 'customers', data: rows.map((row) => row.customers) }],
    };
  }, [data]);
  return (
    <Figure title="Customers per stage now" loading={answer.isPending} error={answer.error}>
      <Chart option={option} label="Customers per stage now" height={240} />
      <Formula>
        Each customer counted once, in the stage they are in now; customers with no stage yet count in the first configured stage (the stage
        rules treat them so). Share = the stage’s customers ÷ all customers shown. Segment and channel filters apply; the date range does
        not.
      </Formula>
      <DataTable
        caption="Customers per stage now"
        csv={csvHref(path, params)}
        rows={rows}
        rowKey={(row) => row.stage}
        columns={[
          { title: 'Stage', cell: (row) => row.stage },
          { title: 'Customers', cell: (row) => formatCount(row.customers), numeric: true },
          { title: 'Share', cell: (row) => formatPercent(row.share), numeric: true },
        ]}
      />
    </Figure>
  );
}
