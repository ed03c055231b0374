import '../templates/topics.css';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { canEdit, userOf, useSession } from '../api/session';
import { changeSubscriptions, customerSubscriptionsKey, useCustomerSubscriptions } from '../api/topics';
import { ErrorBanner } from '../components/ErrorBanner';

/**
 * The customer's subscription topics and the global switch, from GET /api/customers/:id/subscriptions. Marketers
 * change them here (the customer's own choice, e.g. told to support); each change emits a subscribed/unsubscribed event.
 */
export function CustomerTopics({ customerId }: { customerId: string }) {
  const subscriptions = useCustomerSubscriptions(customerId);
  const readOnly = !canEdit(userOf(useSession().data));
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const change = (body: Parameters<typeof changeSubscriptions>[1]) => {
    setError(null);
    changeSubscriptions(customerId, body).then(
      (answer) => {
        queryClient.setQueryData(customerSubscriptionsKey(customerId), answer);
        void queryClient.invalidateQueries({ queryKey: ['customers', customerId] });
      },
      setError,
    );
  };
  const data = subscriptions.data;
  return (
    <section aria-label="Subscription topics">
      <h2>Subscription topics</h2>
      <ErrorBanner error={subscriptions.error ?? error} />
      {data && (
        <>
          <label className="topic-choice">
            <input type="checkbox" checked={data.all === 'unsubscribed'} disabled={readOnly} onChange={(event) => change({ all: event.target.checked ? 'unsubscribed' : 'subscribed' })} />
            Unsubscribed from everything
          </label>
          {data.topics.length === 0 ? <p className="muted">No topics yet (Templates → Subscription topics).</p> : (
            <table className="table">
              <thead><tr><th scope="col">Topic</th><th scope="col">Receives</th><th scope="col">Why</th></tr></thead>
              <tbody>
                {data.topics.map((topic) => (
                  <tr key={topic.id}>
                    <td>{topic.name}{topic.archived ? ' (archived)' : ''}</td>
                    <td>
                      <input type="checkbox" aria-label={`Receives ${topic.name}`} checked={topic.subscribed} disabled={readOnly} onChange={(event) => change({ topics: { [topic.id]: event.target.checked } })} />
                      {' '}{topic.subscribed ? (data.all === 'unsubscribed' ? 'yes, but unsubscribed from everything' : 'yes') : 'no'}
                    </td>
                    <td className="muted">{topic.explicit ? 'their choice' : 'topic default'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
