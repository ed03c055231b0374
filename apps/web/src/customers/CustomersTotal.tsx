import './customers.css';

const count = new Intl.NumberFormat('en-US');

/** "1,234 customers", or "More than 10,000 customers match" when a filter's count stopped at its cap. */
export function CustomersTotal({ total, filtered }: { total: { count: number; exact: boolean }; filtered: boolean }) {
  const noun = total.count === 1 && total.exact ? 'customer' : 'customers';
  const text = total.exact ? `${count.format(total.count)} ${noun}` : `More than ${count.format(total.count)} customers`;
  return (
    <p className="list-total" role="status" data-testid="customers-total">
      {text}
      {filtered ? (total.count === 1 && total.exact ? ' matches' : ' match') : ''}
      {!total.exact && <span className="muted"> (counting stops there so the page stays fast)</span>}
    </p>
  );
}
