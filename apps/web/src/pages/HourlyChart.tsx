import { useMemo } from 'react';
import { Chart, type ChartOption } from '../analytics/Chart';

type Series = { name: string; values: number[]; className: string };

/** The dashboard's colours, kept per series class so "failed" stays red whatever order the series come in. */
const colours: Record<string, string> = {
  'bar-started': '#2f5bd3',
  'bar-sent': '#2f5bd3',
  'bar-completed': '#2e9d52',
  'bar-opened': '#2e9d52',
  'bar-failed': '#b42318',
  'bar-clicked': '#8a5cd1',
};

/** "2026-11-29T14" (the dashboard's UTC hour) → "14:00"; the axis is labelled UTC. */
function hourLabel(hour: string): string {
  const match = /T(\d{2})/.exec(hour);
  return match ? `${match[1]}:00` : hour;
}

/** The hour after "14:00": "15:00" (wrapping at midnight). */
function nextHour(label: string): string {
  const hour = Number(label.slice(0, 2));
  return Number.isNaN(hour) ? label : `${String((hour + 1) % 24).padStart(2, '0')}:00`;
}

/** ECharts renders the tooltip as HTML: every value is a number and every name ours, escaped anyway. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function tooltipText(items: { axisValue: string; seriesName: string; value: number; marker: string }[], unit: string): string {
  const hour = items[0]?.axisValue ?? '';
  const lines = items.map((item) => `${item.marker}${escapeHtml(item.seriesName)}: <b>${Number(item.value)}</b> ${escapeHtml(unit)}`);
  return [`${escapeHtml(hour)}–${escapeHtml(nextHour(hour))} UTC`, ...lines].join('<br/>');
}

/**
 * Counts per hour for a few series side by side (ECharts: axes with units, legend, tooltip per hour), with the
 * numbers in a table for screen readers. `unit` names what is counted (the y axis): "runs", "emails".
 */
export function HourlyChart({ title, hours, series, unit }: { title: string; hours: string[]; series: Series[]; unit?: string }) {
  const counted = unit ?? title.split(' ')[0]?.toLowerCase() ?? '';
  const totals = series.map((s) => `${s.name} ${s.values.reduce((sum, n) => sum + n, 0)}`).join(' · ');
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 48, right: 16, top: 36, bottom: 44 },
      legend: { top: 0 },
      // The tooltip names the hour span and the unit, so a bar reads "14:00–15:00 UTC · sent: 3 emails".
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { axisValue: string; seriesName: string; value: number; marker: string }[]) => tooltipText(items, counted),
      },
      xAxis: { type: 'category', data: hours.map(hourLabel), name: 'hour (UTC)', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: `${counted} per hour`, minInterval: 1 },
      series: series.map((s) => ({ name: s.name, type: 'bar', data: s.values, itemStyle: { color: colours[s.className] } })),
    }),
    [hours, series, counted],
  );
  return (
    <figure className="hourly-chart">
      <figcaption>
        <strong>{title}</strong> <span className="muted small">last 24 h: {totals}</span>
      </figcaption>
      <Chart option={option} label={`${title}, last 24 hours (UTC)`} height={240} />
      <table className="visually-hidden">
        <thead>
          <tr>
            <th scope="col">Hour (UTC)</th>
            {series.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {hours.map((hour, i) => (
            <tr key={hour}>
              <td>{hourLabel(hour)}</td>
              {series.map((s) => (
                <td key={s.name}>{s.values[i] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
