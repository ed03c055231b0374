import { useMemo } from 'react';
import type { AnalyticsParams } from '../analyticsParams';
import { Chart, type ChartOption } from '../Chart';
import { DataTable } from '../DataTable';
import { Figure } from '../Figure';
import { formatCount, formatMoney } from '../format';
import { Formula } from '../Formula';
import { Kpis } from '../Kpis';
import { csvHref, useAnalytics } from '../useAnalytics';
import { UnconvertedNote } from './UnconvertedNote';
import type { RevenueAnswer } from './valueTypes';

const PATH = '/api/analytics/value/revenue';

/** Revenue over time by the events' own timestamps, with ARPU. */
export function RevenueFigure({ params }: { params: AnalyticsParams }) {
  const answer = useAnalytics<RevenueAnswer>(PATH, params);
  const data = answer.data;
  const option = useMemo<ChartOption>(() => {
    const periods = data?.periods ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['Revenue', 'Orders'], top: 0 },
      grid: { left: 70, right: 60, top: 56, bottom: 40 },
      xAxis: { type: 'category', data: periods.map((row) => row.period), name: params.interval },
      yAxis: [{ type: 'value', name: data?.baseCurrency ?? '' }, { type: 'value', name: 'orders', minInterval: 1 }],
      series: [
        { name: 'Revenue', type: 'bar', data: periods.map((row) => row.revenue) },
        { name: 'Orders', type: 'line', yAxisIndex: 1, data: periods.map((row) => row.orders) },
      ],
    };
  }, [data, params.interval]);
  const currency = data?.baseCurrency ?? 'USD';
  return (
    <Figure title="Revenue over time" loading={answer.isPending} error={answer.error}>
      {data && (
        <>
          <Kpis
            items={[
              { label: 'Revenue', value: formatMoney(data.totals.revenue, currency), testId: 'value-revenue' },
              { label: 'Orders', value: formatCount(data.totals.orders), detail: `${formatCount(data.totals.payingCustomers)} paying customers` },
              { label: 'ARPU', value: formatMoney(data.totals.arpu, currency), detail: `over ${formatCount(data.totals.customers)} customers`, testId: 'value-arpu' },
            ]}
          />
          <UnconvertedNote amounts={data.unconverted} baseCurrency={currency} />
          <Chart option={option} label={`Revenue per ${params.interval} in ${currency}`} />
          <Formula>
            revenue = the configured revenue property of the configured events, counted on the day of the event&apos;s own timestamp, in {currency} (other currencies converted by the
            rate table in Settings when the event is stored; a currency without a rate is listed apart and never added). ARPU = revenue in the range ÷ customers first seen before the
            range ends.
          </Formula>
          <DataTable
            caption="Revenue per period"
            csv={csvHref(PATH, params)}
            rows={data.periods}
            rowKey={(row) => row.period}
            columns={[
              { title: 'Period', cell: (row) => row.period },
              { title: `Revenue (${currency})`, cell: (row) => formatMoney(row.revenue, currency), numeric: true },
              { title: 'Orders', cell: (row) => formatCount(row.orders), numeric: true },
              { title: 'Paying customers', cell: (row) => formatCount(row.payingCustomers), numeric: true },
            ]}
          />
        </>
      )}
    </Figure>
  );
}
