import { useState } from 'react';
import { useCustomers, type CustomerFilters, type CustomerSort } from '../api/customers';
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
import { CustomersTotal } from './CustomersTotal';
import { SortHeader, type SortState } from './SortHeader';

const noFilters: CustomerFilters = { q: '', stage: '', segmentId: '', trait: '', cursor: '', health: '', sort: '', dir: '' };
const sortChoices: { value: CustomerSort; label: string }[] = [
  { value: '', label: 'Id' },
  { value: 'name', label: 'Name' },
  { value: 'email', label: 'Email' },
  { value: 'created', label: 'First seen' },
  { value: 'clv', label: 'CLV (highest first)' },
];

/** Customers: search, filter, sort by the column headers (natural order: cust-2 before cust-10), page forward by cursor. */
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
  const sortBy = (order: SortState) => {
    const next = { ...draft, ...order };
    setDraft(next);
    apply(next);
  };
  const filtered = [filters.q, filters.stage, filters.segmentId, filters.trait, filters.health].some((value) => value !== '');
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
          <select id="customer-sort" value={draft.sort} onChange={(e) => sortBy({ sort: sortChoices.find((choice) => choice.value === e.target.value)?.value ?? '', dir: '' })}>
            {sortChoices.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
          </select>
        </div>
        <button type="submit" className="button button-primary">Search</button>
      </form>
      <ErrorBanner error={customers.error} />
      {customers.data && <CustomersTotal total={customers.data.total} filtered={filtered} />}
      {customers.isPending ? (
        <Loading what="customers" />
      ) : rows.length === 0 ? (
        !customers.error && (filtered ? (
          <EmptyState title="No customers match these filters">Try a shorter search, or set Stage, Segment and Health back to Any.</EmptyState>
        ) : (
          <EmptyState title="No customers yet">Customers appear as soon as the event API receives an identify or track call about them.</EmptyState>
        ))
      ) : (
        <table className="table" aria-label="Customers">
          <thead>
            <tr>
              <SortHeader label="Customer" column="id" current={filters} onSort={sortBy} />
              <SortHeader label="Name" column="name" current={filters} onSort={sortBy} />
              <SortHeader label="Email" column="email" current={filters} onSort={sortBy} />
              <th scope="col">Stage</th>
              <th scope="col">Subscription</th>
              <th scope="col">Health</th>
              <SortHeader label="CLV" column="clv" current={filters} onSort={sortBy} className="numeric" title="Revenue to date in the base currency" />
              <SortHeader label="First seen" column="created" current={filters} onSort={sortBy} />
            </tr>
          </thead>
          <tbody>
            {rows.map((customer) => (
              <tr key={customer.id}>
                <td><a href={href.customer(customer.id)}>{customer.id}</a></td>
                <td>{customer.name ?? '—'}</td>
                <td>{customer.email ?? '—'}</td>
                <td>{customer.lifecycleStage ?? '—'}</td>
                <td>{customer.suppressed ? 'suppressed' : customer.subscription}</td>
                <td><HealthCell health={customer.health ?? null} /></td>
                <td className="numeric">{formatMoney(customer.clv ?? 0, currency)}</td>
                <td>{formatTime(customer.createdAt)}</td>
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
