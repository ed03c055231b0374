import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { deleteOffer, useOffers } from '../api/offers';
import { canEdit, userOf, useSession } from '../api/session';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { DeleteButton } from './DeleteButton';
import { NewOfferForm } from './NewOfferForm';
import { OfferCodesForm } from './OfferCodesForm';

/** Offers: name, code pool (upload or generate), expiry, codes left. */
export function OffersPage() {
  const offers = useOffers();
  const readOnly = !canEdit(userOf(useSession().data));
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: ['offers'] });
  };
  return (
    <>
      <PageHeader title="Offers" />
      <ErrorBanner error={offers.error} />
      {message && <div className="banner banner-info" role="status">{message}</div>}
      {!readOnly && <NewOfferForm onDone={done} />}
      {offers.isPending ? (
        <Loading what="offers" />
      ) : (offers.data ?? []).length === 0 ? (
        <EmptyState title="No offers yet">Create one above, then add codes to its pool.</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Codes</th><th scope="col">Codes left</th><th scope="col">Expires</th>{!readOnly && <th scope="col">Add codes</th>}{!readOnly && <th scope="col">Actions</th>}</tr>
          </thead>
          <tbody>
            {(offers.data ?? []).map((offer) => (
              <tr key={offer.id}>
                <td>{offer.name}<div className="muted"><code>{offer.id}</code></div></td>
                <td>{offer.codeSource === 'pool' ? 'pool' : `generated${offer.codePrefix ? ` (${offer.codePrefix}-…)` : ''}`}</td>
                <td data-testid="codes-left">{offer.codesLeft ?? '∞'}</td>
                <td>{offer.expiresAt ? formatTime(offer.expiresAt) : 'never'}</td>
                {!readOnly && <td>{offer.codeSource === 'pool' ? <OfferCodesForm offer={offer} onDone={done} /> : '—'}</td>}
                {!readOnly && (
                  <td>
                    <DeleteButton what={`offer "${offer.name}"`} remove={() => deleteOffer(offer.id)} onDeleted={() => done(`Deleted offer "${offer.name}".`)} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
