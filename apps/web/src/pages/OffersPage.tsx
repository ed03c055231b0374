import '../offers/offers.css';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { deleteOffer, useOffers } from '../api/offers';
import { canEdit, userOf, useSession } from '../api/session';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { discountText } from '../offers/discountText';
import { offerHref } from '../offers/offerHref';
import { DeleteButton } from './DeleteButton';
import { NewOfferForm } from './NewOfferForm';
import { OfferCodesForm } from './OfferCodesForm';

/** Offers: name, discount and description, where codes come from, codes left, issued and redeemed, expiry. */
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
      {message && (
        <div className="banner banner-info" role="status">
          {message}
        </div>
      )}
      {!readOnly && <NewOfferForm onDone={done} />}
      {offers.isPending ? (
        <Loading what="offers" />
      ) : (offers.data ?? []).length === 0 ? (
        <EmptyState title="No offers yet">Create one above, then grant it from a journey’s offer step.</EmptyState>
      ) : (
        <table className="table" aria-label="Offers">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Discount</th>
              <th scope="col">Codes</th>
              <th scope="col">Left</th>
              <th scope="col">Issued</th>
              <th scope="col">Redeemed</th>
              <th scope="col">Expires</th>
              {!readOnly && <th scope="col">Add codes</th>}
              {!readOnly && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {(offers.data ?? []).map((offer) => (
              <tr key={offer.id}>
                <td className="offer-name-cell">
                  <a href={offerHref(offer.id)} title={offer.id}>
                    {offer.name}
                  </a>
                  {offer.description && <div className="muted small">{offer.description}</div>}
                </td>
                <td>{discountText(offer.discount)}</td>
                <td>{offer.codeSource === 'pool' ? 'pool' : `generated${offer.codePrefix ? ` (${offer.codePrefix}…)` : ''}`}</td>
                <td data-testid="codes-left">{offer.codesLeft ?? 'unlimited'}</td>
                <td data-testid="codes-issued">{offer.codesIssued}</td>
                <td data-testid="codes-redeemed">{offer.codesRedeemed}</td>
                <td>{offer.expiresAt ? formatTime(offer.expiresAt) : 'never'}</td>
                {!readOnly && <td>{offer.codeSource === 'pool' ? <OfferCodesForm offer={offer} onDone={done} /> : '—'}</td>}
                {!readOnly && (
                  <td>
                    <a className="button button-small" href={offerHref(offer.id)} aria-label={`Manage offer "${offer.name}"`}>
                      Manage
                    </a>
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
