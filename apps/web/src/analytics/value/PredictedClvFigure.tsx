import { useState } from 'react';
import type { AnalyticsParams } from '../analyticsParams';
import { DataTable } from '../DataTable';
import { Figure } from '../Figure';
import { formatCount, formatMoney, formatPercent } from '../format';
import { Formula } from '../Formula';
import { Kpis } from '../Kpis';
import { csvHref, useAnalytics } from '../useAnalytics';
import type { PredictedClvAnswer } from './valueTypes';

const PATH = '/api/analytics/value/predicted';

/** Predicted CLV with its inputs next to it: monthly ARPU, margin, monthly churn, and each month they average. */
export function PredictedClvFigure({ params }: { params: AnalyticsParams }) {
  const [months, setMonths] = useState(6);
  const answer = useAnalytics<PredictedClvAnswer>(PATH, params, { months });
  const data = answer.data;
  const currency = data?.baseCurrency ?? 'USD';
  return (
    <Figure title="Predicted CLV" loading={answer.isPending} error={answer.error}>
      <div className="field inline-form">
        <label htmlFor="clv-months">Months averaged</label>
        <input id="clv-months" type="number" min={1} max={24} value={months} onChange={(event) => setMonths(Math.min(24, Math.max(1, Number(event.target.value) || 1)))} />
      </div>
      {data && (
        <>
          <Kpis
            items={[
              { label: 'Predicted CLV', value: data.predictedClv === null ? 'not computable' : formatMoney(data.predictedClv, currency), detail: data.predictedClv === null ? 'no churn measured in these months' : undefined, testId: 'predicted-clv' },
              { label: 'ARPU per month', value: formatMoney(data.arpuPerMonth, currency), testId: 'arpu-per-month' },
              { label: 'Margin', value: formatPercent(data.margin), testId: 'margin' },
              { label: 'Monthly churn rate', value: formatPercent(data.churnRate), testId: 'churn-rate' },
            ]}
          />
          <Formula>
            predicted CLV = ARPU per month × margin ÷ monthly churn rate. ARPU per month = the average, over the last {months} whole month(s) of the range, of each month&apos;s revenue ÷
            customers first seen by its end. Monthly churn rate = the average of each month&apos;s customers in a customer stage ({data.customerStages.join(', ')}) at its start who moved
            into a churn stage ({data.churnStages.join(', ')}) during it ÷ those customers (months with no customers at the start left out). When no one churned the prediction is not
            computable (it would be infinite).
          </Formula>
          <DataTable
            caption="Inputs per month"
            csv={csvHref(PATH, params, { months })}
            rows={data.months}
            rowKey={(row) => row.month}
            columns={[
              { title: 'Month', cell: (row) => row.month.slice(0, 7) },
              { title: 'Customers at start', cell: (row) => formatCount(row.startCustomers), numeric: true },
              { title: 'Churned', cell: (row) => formatCount(row.churned), numeric: true },
              { title: 'Churn rate', cell: (row) => formatPercent(row.churnRate), numeric: true },
              { title: `Revenue (${currency})`, cell: (row) => formatMoney(row.revenue, currency), numeric: true },
              { title: 'Customers seen', cell: (row) => formatCount(row.customers), numeric: true },
              { title: 'ARPU', cell: (row) => formatMoney(row.arpu, currency), numeric: true },
            ]}
          />
        </>
      )}
    </Figure>
  );
}
