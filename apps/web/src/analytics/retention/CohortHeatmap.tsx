import { useMemo } from 'react';
import { Chart } from '../Chart';
import type { CohortAnswer } from './retentionTypes';

/** The cohort matrix as a heatmap: cohorts down, periods since across, colour = % active. */
export function CohortHeatmap({ answer }: { answer: CohortAnswer }) {
  const option = useMemo(() => {
    const cohorts = answer.cohorts.map((row) => row.cohort);
    const offsets = answer.average.map((cell) => `${answer.interval} ${cell.offset}`);
    const data = answer.cohorts.flatMap((row, y) => row.cells.map((cell) => [cell.offset, y, cell.rate === null ? null : Math.round(cell.rate * 1000) / 10]));
    return {
      tooltip: { position: 'top', formatter: (item: { value: [number, number, number | null] }) => `${cohorts[item.value[1]] ?? ''}, ${offsets[item.value[0]] ?? ''}: ${item.value[2] ?? '—'}% active` },
      grid: { left: 90, right: 110, top: 30, bottom: 40 },
      xAxis: { type: 'category', data: offsets, name: `${answer.interval}s since the cohort started`, nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
      yAxis: { type: 'category', data: cohorts, inverse: true, name: 'Cohort', nameLocation: 'start', splitArea: { show: true } },
      // The colour scale stands beside the matrix, clear of the x-axis and its name.
      visualMap: { min: 0, max: 100, calculable: true, orient: 'vertical', right: 0, top: 'middle', itemHeight: 100, text: ['100%', '0%'], inRange: { color: ['#f7fbff', '#08519c'] } },
      series: [{ name: '% active', type: 'heatmap', data, label: { show: true, formatter: (item: { value: [number, number, number | null] }) => (item.value[2] === null ? '' : `${item.value[2]}%`) } }],
    };
  }, [answer]);
  return <Chart option={option} label="Cohort retention heatmap" height={Math.max(220, 30 + answer.cohorts.length * 28 + 40)} />;
}
