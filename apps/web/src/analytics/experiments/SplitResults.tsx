import { Chart, type ChartOption } from '../Chart';
import { DataTable, type Column } from '../DataTable';
import { formatCount, formatPercent } from '../format';
import { formatP, formatPointInterval, formatPoints } from './formatStats';
import type { ArmResult, SplitResult } from './types';

const columns: Column<ArmResult>[] = [
  { title: 'Arm', cell: (arm) => `${arm.label ?? arm.armId}${arm.control ? ' (control)' : arm.baseline ? ' (baseline)' : ''}` },
  { title: 'Entered', numeric: true, cell: (arm) => formatCount(arm.entered) },
  { title: 'Converted', numeric: true, cell: (arm) => formatCount(arm.converted) },
  { title: 'Rate', numeric: true, cell: (arm) => formatPercent(arm.rate) },
  { title: 'Lift', numeric: true, cell: (arm) => formatPoints(arm.difference) },
  { title: '95% interval', numeric: true, cell: (arm) => formatPointInterval(arm.differenceLow, arm.differenceHigh) },
  { title: 'Relative lift', numeric: true, cell: (arm) => formatPercent(arm.relativeLift) },
  { title: 'p-value', numeric: true, cell: (arm) => formatP(arm.pValue) },
];

function rateChart(split: SplitResult): ChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${value.toFixed(1)}%` },
    legend: { data: ['Conversion rate'], top: 0 },
    grid: { left: 48, right: 16, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: split.arms.map((arm) => arm.label ?? arm.armId), name: 'Arm' },
    yAxis: { type: 'value', name: '% converted', axisLabel: { formatter: '{value}%' } },
    series: [{ name: 'Conversion rate', type: 'bar', data: split.arms.map((arm) => (arm.rate === null ? null : Number((arm.rate * 100).toFixed(2)))) }],
  };
}

/** One split: its arms' table and rates, and the verdict (a winner only when significant with enough entries). */
export function SplitResults({ split, csv }: { split: SplitResult; csv: string }) {
  const title = `${split.journeyName} — ${split.label ?? split.nodeId}`;
  const winner = split.arms.find((arm) => arm.armId === split.winner);
  return (
    <div className="analytics-split" data-testid={`split-${split.nodeId}`}>
      <h3>{title}</h3>
      <p data-testid="split-verdict">
        {winner ? <strong>Winner: {winner.label ?? winner.armId}</strong> : <strong>No winner yet</strong>} — {split.verdict}
        {split.promotedArm && ` · promoted: every new entry takes ${split.promotedArm}`}
        {!split.promotedArm && split.autoPromote && ' · the winner will be promoted automatically'}
      </p>
      <DataTable caption={`Arms of ${title}`} columns={columns} rows={split.arms} rowKey={(arm) => arm.armId} csv={csv} />
      <Chart option={rateChart(split)} label={`Conversion rate per arm of ${title}`} height={240} />
    </div>
  );
}
