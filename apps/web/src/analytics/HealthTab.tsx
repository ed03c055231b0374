import { useState } from 'react';
import type { AnalyticsParams } from './analyticsParams';
import { Chart } from './Chart';
import { DataTable } from './DataTable';
import { Figure } from './Figure';
import { formatCount, formatNumber } from './format';
import { Formula } from './Formula';
import { Kpis } from './Kpis';
import { csvHref, useAnalytics } from './useAnalytics';
import { BAND_COLORS, BAND_LABELS, HEALTH_BANDS, bandLabel, type HealthBand } from './health/bands';
import { HealthSettingsForm } from './health/HealthSettingsForm';

type Counts = Record<HealthBand, number>;
type Bands = { now: Counts; averageScore: number | null; periods: { period: string; bands: Counts }[] };
type Transitions = { transitions: { from: HealthBand; to: HealthBand; transitions: number }[] };
type Averages = { by: string; groups: { key: string; customers: number; averageScore: number }[] };

/** The Health tab: customers per band now and over time, band changes, average score by group, and the score's definition. */
export function HealthTab({ params }: { params: AnalyticsParams }) {
  const [by, setBy] = useState<'stage' | 'channel' | 'segment'>('stage');
  const bands = useAnalytics<Bands>('/api/analytics/health/bands', params);
  const transitions = useAnalytics<Transitions>('/api/analytics/health/transitions', params);
  const averages = useAnalytics<Averages>('/api/analytics/health/average', params, { by });
  const periods = bands.data?.periods ?? [];
  return (
    <>
      <Figure title="Customers per health band" loading={bands.isPending} error={bands.error}>
        <Kpis
          items={[
            ...HEALTH_BANDS.map((band) => ({ label: BAND_LABELS[band], value: formatCount(bands.data?.now[band]), testId: `health-now-${band}` })),
            { label: 'Average score', value: formatNumber(bands.data?.averageScore), testId: 'health-average' },
          ]}
        />
        <Chart
          label="Customers per health band over time"
          option={{
            tooltip: { trigger: 'axis' },
            legend: { data: HEALTH_BANDS.map((band) => BAND_LABELS[band]) },
            xAxis: { type: 'category', name: params.interval, data: periods.map((row) => row.period) },
            yAxis: { type: 'value', name: 'customers', minInterval: 1 },
            series: HEALTH_BANDS.map((band) => ({ name: BAND_LABELS[band], type: 'line', stack: 'bands', areaStyle: {}, color: BAND_COLORS[band], data: periods.map((row) => row.bands[band]) })),
          }}
        />
        <Formula>
          Each customer&apos;s score is 100 × the points their rules earned ÷ the sum of the rule weights; the band is healthy at or above the healthy threshold, at risk at or above the
          at-risk threshold, critical below. A period shows the customers in each band at its end (the current period: now), from the score history.
        </Formula>
        <DataTable
          caption="Customers per band by period"
          csv={csvHref('/api/analytics/health/bands', params)}
          rows={periods}
          rowKey={(row) => row.period}
          columns={[{ title: 'Period', cell: (row) => row.period }, ...HEALTH_BANDS.map((band) => ({ title: BAND_LABELS[band], numeric: true, cell: (row: (typeof periods)[number]) => formatCount(row.bands[band]) }))]}
        />
      </Figure>
      <Figure title="Band changes" loading={transitions.isPending} error={transitions.error}>
        <Formula>Every change of a customer&apos;s band in the date range, counted by when it happened (a first score is not a change).</Formula>
        <DataTable
          caption="Band transitions"
          csv={csvHref('/api/analytics/health/transitions', params)}
          rows={transitions.data?.transitions ?? []}
          rowKey={(row) => `${row.from}-${row.to}`}
          columns={[
            { title: 'From', cell: (row) => bandLabel(row.from) },
            { title: 'To', cell: (row) => bandLabel(row.to) },
            { title: 'Changes', numeric: true, cell: (row) => formatCount(row.transitions) },
          ]}
        />
      </Figure>
      <Figure title="Average health score" loading={averages.isPending} error={averages.error}>
        <div className="field">
          <label htmlFor="health-average-by">Group by</label>
          <select id="health-average-by" value={by} onChange={(e) => setBy(e.target.value as typeof by)}>
            <option value="stage">Stage</option>
            <option value="channel">Channel</option>
            <option value="segment">Segment</option>
          </select>
        </div>
        <Formula>Sum of the current scores of the customers in the group ÷ the customers scored in it.</Formula>
        <DataTable
          caption={`Average score by ${by}`}
          csv={csvHref('/api/analytics/health/average', params, { by })}
          rows={averages.data?.groups ?? []}
          rowKey={(row) => row.key}
          columns={[
            { title: by[0]?.toUpperCase() + by.slice(1), cell: (row) => row.key },
            { title: 'Customers', numeric: true, cell: (row) => formatCount(row.customers) },
            { title: 'Average score', numeric: true, cell: (row) => formatNumber(row.averageScore) },
          ]}
        />
      </Figure>
      <HealthSettingsForm />
    </>
  );
}
