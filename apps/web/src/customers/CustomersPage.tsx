import { useState } from 'react';
import { useCustomers, type CustomerFilters } from '../api/customers';
import { useLifecycleConfig } from '../api/lifecycle';
import { useSegments } from '../api/segments';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { formatMoney } from '../analytics/format';
import { useBaseCurrency } from '../analytics/value/useBaseCurrency';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { href } from '../router/href';
import { HealthCell, HealthFilter } from './CustomerHealth';

const noFilters: CustomerFilters = { q: '', stage: '', segmentId: '', trait: '', cursor: '', health: '', sort: '' };

/** Customers: search by id or email (prefix) or trait (`plan=pro`), filter by stage and segment, page forward by cursor. */
export function CustomersPage({ initial }: { initial: { q: string; stage: string; segmentId: string } }) {
  const start = { ...noFilters, q: initial.q, stage: initial.stage, segmentId: initial.segmentId };
  const [draft, setDraft] = useState(start);
  const [filters, setFilters] = useState(start);
  const [previous, setPrevious] = useState<string[]>([]);
  const customers = useCustomers(filters);
  const stages = useLifecycleConfig().data?.stages ?? [];
  const segments = useSegments().data ?? [];
  const currency = useBaseCurrency();
  const apply = (next: CustomerFilters) => {
    setPrevious([]);
    setFilters({ ...next, cursor: '' });
  };
  const rows = customers.data?.customers ?? [];
  return (
    <>
      <PageHeader title="Customers" />
      <form className="form-card inline-form" aria-label="Find customers" onSubmit={(event) => { event.preventDefault(); apply(draft); }}>
        <div className="field"><label htmlFor="customer-q">Id or email starts with</label><input id="customer-q" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} /></div>
        <div className="field"><label htmlFor="customer-trait">Trait (key=value)</label><input id="customer-trait" placeholder="plan=pro" value={draft.trait} onChange={(e) => setDraft({ ...draft, trait: e.target.value })} /></div>
        <div className="field">
          <label htmlFor="customer-stage">Stage</label>
          <select id="customer-stage" value={draft.stage} onChange={(e) => { const next = { ...draft, stage: e.target.value }; setDraft(next); apply(next); }}>
            <option value="">Any</option>
            {stages.map((stage) => <option key={stage} value={stage}>{stage}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="customer-segment">Segment</label>
          <select id="customer-segment" value={draft.segmentId} onChange={(e) => { const next = { ...draft, segmentId: e.target.value }; setDraft(next); apply(next); }}>
            <option value="">Any</option>
            {segments.map((segment) => <option key={segment.id} value={segment.id}>{segment.name}</option>)}
          </select>
        </div>
        <HealthFilter value={draft.health} onChange={(health) => { const next = { ...draft, health }; setDraft(next); apply(next); }} />
        <div className="field">
          <label htmlFor="customer-sort">Sort by</label>
          <select id="customer-sort" value={draft.sort} onChange={(e) => { const next = { ...draft, sort: e.target.value === 'clv' ? ('clv' as const) : ('' as const) }; setDraft(next); apply(next); }}>
            <option value="">Id</option>
            <option value="clv">CLV (highest first)</option>
          </select>
        </div>
        <button type="submit" className="button button-primary">Search</button>
      </form>
      <ErrorBanner error={customers.error} />
      {customers.isPending ? (
        <Loading what="customers" />
      ) : rows.length === 0 ? (
        <EmptyState title="No customers match">Customers appear as soon as the event API receives a message about them.</EmptyState>
      ) : (
        <table className="table">
          <thead><tr><th scope="col">Customer</th><th scope="col">Email</th><th scope="col">Stage</th><th scope="col">Subscription</th><th scope="col">Health</th><th scope="col" className="numeric" title="Revenue to date in the base currency">CLV</th><th scope="col">Last updated</th></tr></thead>
          <tbody>
            {rows.map((customer) => (
              <tr key={customer.id}>
                <td><a href={href.customer(customer.id)}>{customer.id}</a></td>
                <td>{customer.email ?? '—'}</td>
                <td>{customer.lifecycleStage ?? '—'}</td>
                <td>{customer.suppressed ? 'suppressed' : customer.subscription}</td>
                <td><HealthCell health={customer.health ?? null} /></td>
                <td className="numeric">{formatMoney(customer.clv ?? 0, currency)}</td>
                <td>{formatTime(customer.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="inline-form">
        <button type="button" className="button" disabled={previous.length === 0} onClick={() => { setFilters({ ...filters, cursor: previous.at(-1) ?? '' }); setPrevious(previous.slice(0, -1)); }}>Previous page</button>
        <button type="button" className="button" disabled={!customers.data?.nextCursor} onClick={() => { setPrevious([...previous, filters.cursor]); setFilters({ ...filters, cursor: customers.data?.nextCursor ?? '' }); }}>Next page</button>
      </div>
    </>
  );
}
