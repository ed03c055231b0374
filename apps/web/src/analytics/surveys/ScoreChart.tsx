import { useMemo } from 'react';
import { Chart } from '../Chart';
import { GROUP_NAMES, type SurveyScores } from './surveyTypes';

/** Answers per period stacked by group (bars, left axis) and the score (line, right axis). */
export function ScoreChart({ data }: { data: SurveyScores }) {
  const names = GROUP_NAMES[data.kind];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 56, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: data.periods.map((period) => period.period) },
      yAxis: [
        { type: 'value', name: 'Customers', minInterval: 1 },
        data.kind === 'nps' ? { type: 'value', name: names.score, min: -100, max: 100 } : { type: 'value', name: names.score, min: 0, max: 100 },
      ],
      series: [
        { name: names.negative, type: 'bar', stack: 'answers', color: '#dc2626', data: data.periods.map((period) => period.negative) },
        { name: names.neutral, type: 'bar', stack: 'answers', color: '#a3a3a3', data: data.periods.map((period) => period.neutral) },
        { name: names.positive, type: 'bar', stack: 'answers', color: '#16a34a', data: data.periods.map((period) => period.positive) },
        { name: names.score, type: 'line', yAxisIndex: 1, color: '#1d4ed8', connectNulls: true, data: data.periods.map((period) => period.score) },
      ],
    }),
    [data, names],
  );
  return <Chart option={option} label={`${names.score} by period`} />;
}
