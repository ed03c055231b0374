import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { deleteCustomer, setSuppressed, useCustomerProfile } from '../api/customers';
import { userOf, useSession } from '../api/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { href } from '../router/href';
import { GlobalControlFact } from '../analytics/experiments/GlobalControlFact';
import { CustomerValue } from '../analytics/value/CustomerValue';
import { CustomerActivity } from './CustomerActivity';
import { CustomerSurveys } from './CustomerSurveys';
import { CustomerTopics } from './CustomerTopics';
import { CustomerHealth } from './CustomerHealth';
import { CustomerSuppression } from './CustomerSuppression';
import { TraitsTable } from './TraitsTable';

/** One customer's page; once they are deleted, only what was deleted (their profile's queries are gone with it). */
export function CustomerPage({ customerId }: { customerId: string }) {
  const queryClient = useQueryClient();
  const [deleted, setDeleted] = useState<string | null>(null);
  // Forgotten once the profile and its sections have unmounted (this effect runs after they did): a query removed
  // while still observed would be fetched again, asking for a customer who is gone (a 404 in the console).
  useEffect(() => {
    if (!deleted) return;
    queryClient.removeQueries({ predicate: (query) => query.queryKey.includes(customerId) });
    // The list caches pages for a moment: the deleted customer must not linger there.
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
  }, [deleted, customerId, queryClient]);
  if (deleted) return <><PageHeader title="Customer deleted" back={{ href: href.customers(), label: 'Customers' }} /><div className="banner banner-info" role="status">{deleted}</div></>;
  return <CustomerProfile customerId={customerId} onDeleted={setDeleted} />;
}

/** One customer: traits, stage and its history, subscription, segments, and (below) events, messages, offers and runs. */
function CustomerProfile({ customerId, onDeleted }: { customerId: string; onDeleted: (summary: string) => void }) {
  const profile = useCustomerProfile(customerId);
  const isAdmin = userOf(useSession().data)?.role === 'admin';
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (profile.isPending) return <Loading what="the customer" />;
  if (!profile.data) return <ErrorBanner error={profile.error} />;
  const { customer, stageHistory, segments } = profile.data;
  // The list caches pages for a moment; a suppressed or deleted customer must not linger there.
  const refreshList = () => queryClient.invalidateQueries({ queryKey: ['customers'] });
  const act = (action: () => Promise<unknown>) => void action().then(() => Promise.all([queryClient.invalidateQueries({ queryKey: ['customer', customerId] }), refreshList()]), setError);
  return (
    <>
      <PageHeader title={customer.id} back={{ href: href.customers(), label: 'Customers' }}>
        {isAdmin && (
          <>
            <button type="button" className="button" onClick={() => act(() => setSuppressed(customer.id, !customer.suppressed))}>{customer.suppressed ? 'Lift suppression' : 'Suppress'}</button>
            <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
              Delete customer
            </button>
          </>
        )}
      </PageHeader>
      {confirming && (
        <ConfirmDialog
          title={`Delete customer ${customer.id}?`}
          confirmLabel="Yes, delete"
          cancelLabel="Keep them"
          busy={deleting}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setDeleting(true);
            deleteCustomer(customer.id).then(
              (result) => {
                onDeleted(`Deleted ${customer.id}; ${result.cancelledRuns} active run(s) cancelled.`);
              },
              (failure: unknown) => {
                setConfirming(false);
                setDeleting(false);
                setError(failure);
              },
            );
          }}
        >
          <p>Everything stored about them goes: traits, events, messages, runs and their analytics rows. Their active runs are cancelled first.</p>
          <p>This cannot be undone.</p>
        </ConfirmDialog>
      )}
      <ErrorBanner error={error} />
      {profile.data.requestedId !== customer.id && (
        <div className="banner banner-info" role="status">{profile.data.requestedId} was merged into {customer.id}: this is their profile now.</div>
      )}
      <dl className="facts">
        <dt>Email</dt><dd>{customer.email ?? '—'}</dd>
        <dt>Stage</dt><dd>{customer.lifecycleStage ?? '—'}</dd>
        <dt>Subscription</dt><dd>{customer.subscription}{customer.suppressed ? ' · suppressed (never messaged)' : ''}</dd>
        <dt>Segments</dt><dd>{segments.length === 0 ? 'none' : segments.map((s) => s.name).join(', ')}</dd>
        <dt>First seen</dt><dd>{formatTime(customer.createdAt)}</dd>
        <GlobalControlFact customerId={customer.id} />
        <CustomerSuppression email={customer.email} />
        {profile.data.aliases.length > 0 && <><dt>Also known as</dt><dd>{profile.data.aliases.join(', ')}</dd></>}
      </dl>
      <CustomerTopics customerId={customer.id} />
      <CustomerHealth customerId={customer.id} />
      <CustomerValue customerId={customer.id} />
      <h2>Traits</h2>
      <TraitsTable traits={customer.traits} />
      <h2>Stage history</h2>
      {stageHistory.length === 0 ? <p className="muted">No stage changes yet.</p> : (
        <table className="table">
          <thead><tr><th scope="col">When</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Why</th></tr></thead>
          <tbody>{stageHistory.map((change) => <tr key={change.id}><td>{formatTime(change.at)}</td><td>{change.fromStage ?? '—'}</td><td>{change.toStage}</td><td>{change.cause}</td></tr>)}</tbody>
        </table>
      )}
      <CustomerSurveys customerId={customer.id} />
      <CustomerActivity profile={profile.data} />
    </>
  );
}
