import { useMemo } from 'react';
import type { AnalyticsParams } from '../analyticsParams';
import { Chart, type ChartOption } from '../Chart';
import { DataTable } from '../DataTable';
import { Figure } from '../Figure';
import { formatCount, formatMoney, formatNumber, formatPercent } from '../format';
import { Formula } from '../Formula';
import { csvHref, useAnalytics } from '../useAnalytics';
import { UnconvertedNote } from './UnconvertedNote';
import type { CacAnswer, CacByMonthAnswer } from './valueTypes';

const PATH = '/api/analytics/acquisition/cac';
const BY_MONTH = '/api/analytics/acquisition/cac-by-month';
const MONTHS = 6;

/** CAC, predicted CLV, CLV:CAC and payback per channel, and CAC per month. */
export function CacFigure({ params }: { params: AnalyticsParams }) {
  const answer = useAnalytics<CacAnswer>(PATH, params, { months: MONTHS });
  const byMonth = useAnalytics<CacByMonthAnswer>(BY_MONTH, params);
  const data = answer.data;
  const currency = data?.baseCurrency ?? 'USD';
  const option = useMemo<ChartOption>(() => {
    const channels = data?.channels ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['CAC', 'Predicted CLV'], top: 0 },
      grid: { left: 70, right: 20, top: 56, bottom: 40 },
      xAxis: { type: 'category', data: channels.map((row) => row.channel) },
      yAxis: { type: 'value', name: currency },
      series: [
        { name: 'CAC', type: 'bar', data: channels.map((row) => row.cac) },
        { name: 'Predicted CLV', type: 'bar', data: channels.map((row) => row.predictedClv) },
      ],
    };
  }, [data, currency]);
  return (
    <Figure title="CAC per channel" loading={answer.isPending} error={answer.error}>
      {data && (
        <>
          <UnconvertedNote amounts={data.unconvertedSpend} baseCurrency={currency} />
          <Chart option={option} label={`CAC and predicted CLV per channel in ${currency}`} />
          <Formula>
            CAC = spend in the range&apos;s months ÷ customers acquired through the channel in those months (acquired = first seen that month; a customer&apos;s channel is the first
            value of the channel trait seen). Predicted CLV of a channel = its customers&apos; ARPU per month × margin ({formatPercent(data.margin)}) ÷ the monthly churn rate of all
            customers ({formatPercent(data.churnRate)}), over the last {MONTHS} whole months. CLV:CAC = predicted CLV ÷ CAC. Payback months = CAC ÷ (ARPU per month × margin).
          </Formula>
          <DataTable
            caption="Per channel"
            csv={csvHref(PATH, params, { months: MONTHS })}
            rows={data.channels}
            rowKey={(row) => row.channel}
            columns={[
              { title: 'Channel', cell: (row) => row.channel },
              { title: `Spend (${currency})`, cell: (row) => formatMoney(row.spend, currency), numeric: true },
              { title: 'Customers acquired', cell: (row) => formatCount(row.customers), numeric: true },
              { title: 'CAC', cell: (row) => formatMoney(row.cac, currency), numeric: true },
              { title: 'ARPU per month', cell: (row) => formatMoney(row.arpuPerMonth, currency), numeric: true },
              { title: 'Predicted CLV', cell: (row) => (row.predictedClv === null ? 'not computable' : formatMoney(row.predictedClv, currency)), numeric: true },
              { title: 'CLV:CAC', cell: (row) => formatNumber(row.clvToCac), numeric: true },
              { title: 'Payback (months)', cell: (row) => formatNumber(row.paybackMonths), numeric: true },
            ]}
          />
        </>
      )}
      {byMonth.data && (
        <DataTable
          caption="CAC per month"
          csv={csvHref(BY_MONTH, params)}
          rows={byMonth.data.rows}
          rowKey={(row) => `${row.month}/${row.channel}`}
          columns={[
            { title: 'Month', cell: (row) => row.month },
            { title: 'Channel', cell: (row) => row.channel },
            { title: `Spend (${currency})`, cell: (row) => formatMoney(row.spend, currency), numeric: true },
            { title: 'Customers acquired', cell: (row) => formatCount(row.customers), numeric: true },
            { title: 'CAC', cell: (row) => formatMoney(row.cac, currency), numeric: true },
          ]}
        />
      )}
    </Figure>
  );
}
