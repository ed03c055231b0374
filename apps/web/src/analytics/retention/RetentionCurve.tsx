import { useMemo } from 'react';
import { Chart } from '../Chart';
import type { CohortAnswer } from './retentionTypes';

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** Retention curves: one line per cohort (thin) and the weighted average curve (bold). */
export function RetentionCurve({ answer }: { answer: CohortAnswer }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value: number | null) => (value === null ? '—' : `${value}%`) },
      legend: { type: 'scroll', bottom: 0, left: 16, right: 16 },
      grid: { left: 50, right: 20, top: 20, bottom: 60 },
      xAxis: { type: 'category', data: answer.average.map((cell) => `${answer.interval} ${cell.offset}`), name: `${answer.interval}s since`, nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, name: '% active' },
      series: [
        ...answer.cohorts.map((row) => ({ name: row.cohort, type: 'line', data: row.cells.map((cell) => percent(cell.rate)), lineStyle: { width: 1, opacity: 0.6 }, symbolSize: 4 })),
        { name: 'Average', type: 'line', data: answer.average.map((cell) => percent(cell.rate)), lineStyle: { width: 4 }, z: 10 },
      ],
    }),
    [answer],
  );
  return <Chart option={option} label="Retention curves by cohort and the average curve" />;
}
