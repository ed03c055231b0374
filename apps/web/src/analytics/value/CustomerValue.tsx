import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../api/client';
import { formatTime } from '../../components/formatTime';
import { formatCount, formatMoney, formatNumber } from '../format';
import type { CustomerValue as Value } from './valueTypes';

/** A customer's value on their profile: revenue to date (historical CLV), orders, and amounts without a rate. */
export function CustomerValue({ customerId }: { customerId: string }) {
  const value = useQuery({ queryKey: ['customer', customerId, 'value'], queryFn: () => getJson<Value>(`/api/customers/${encodeURIComponent(customerId)}/value`) });
  if (!value.data) return null;
  const { baseCurrency, revenue, orders, lastPurchaseAt, unconverted } = value.data;
  return (
    <>
      <h2>Value</h2>
      <dl className="facts" aria-label="Customer value">
        <dt>Revenue to date (CLV)</dt><dd data-testid="customer-clv">{formatMoney(revenue, baseCurrency)}</dd>
        <dt>Orders</dt><dd>{formatCount(orders)}{lastPurchaseAt ? ` · last ${formatTime(lastPurchaseAt)}` : ''}</dd>
        {unconverted.length > 0 && <><dt>Not converted (no rate)</dt><dd>{unconverted.map((item) => `${formatNumber(item.amount)} ${item.currency}`).join(', ')}</dd></>}
      </dl>
    </>
  );
}
