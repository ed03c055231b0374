import '../offers/offers.css';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { deleteOffer, updateOffer, useOffer } from '../api/offers';
import { canEdit, userOf, useSession } from '../api/session';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { discountText } from '../offers/discountText';
import { IssuedCodes } from '../offers/IssuedCodes';
import { OfferCounts } from '../offers/OfferCounts';
import { OfferForm } from '../offers/OfferForm';
import { RedeemForm } from '../offers/RedeemForm';
import { navigate } from '../router/useRoute';
import { DeleteButton } from './DeleteButton';
import { OfferCodesForm } from './OfferCodesForm';

/** One offer: its terms and code counts, the codes issued (to whom, when, redeemed), redeem by hand, edit, add codes, delete. */
export function OfferPage({ offerId }: { offerId: string }) {
  const offer = useOffer(offerId);
  const readOnly = !canEdit(userOf(useSession().data));
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: ['offers'] });
  };
  if (offer.isPending) return <Loading what="the offer" />;
  if (offer.error || !offer.data) {
    return (
      <>
        <PageHeader title="Offer" back={{ href: '#/offers', label: 'Offers' }} />
        <ErrorBanner error={offer.error ?? 'no such offer'} />
      </>
    );
  }
  const data = offer.data;
  return (
    <>
      <PageHeader title={data.name} back={{ href: '#/offers', label: 'Offers' }} />
      <p className="offer-terms">
        <strong>{discountText(data.discount)}</strong>
        {data.description && <> · {data.description}</>}
        <span className="muted">
          {' '}
          · {data.codeSource === 'pool' ? 'codes from a pool' : `codes generated per customer${data.codePrefix ? ` (${data.codePrefix}…)` : ''}`} · expires{' '}
          {data.expiresAt ? formatTime(data.expiresAt) : 'never'}
        </span>
      </p>
      {message && (
        <div className="banner banner-info" role="status">
          {message}
        </div>
      )}
      <OfferCounts offer={data} />
      <section className="offer-section" aria-labelledby="issued-heading">
        <h2 id="issued-heading">Issued codes</h2>
        <IssuedCodes offerId={data.id} />
      </section>
      {!readOnly && (
        <>
          <section className="offer-section" aria-labelledby="redeem-heading">
            <h2 id="redeem-heading">Redeem a code</h2>
            <p className="hint">
              Codes are also marked redeemed when your product sends an <code>offer_redeemed</code> event with the code in <code>properties.code</code>.
            </p>
            <RedeemForm offerId={data.id} onRedeemed={done} />
          </section>
          {data.codeSource === 'pool' && (
            <section className="offer-section" aria-labelledby="pool-heading">
              <h2 id="pool-heading">Add codes to the pool</h2>
              <OfferCodesForm offer={data} onDone={done} />
            </section>
          )}
          <section className="offer-section" aria-labelledby="edit-heading">
            <h2 id="edit-heading">Edit</h2>
            <OfferForm
              key={`${data.id}:${data.name}:${JSON.stringify(data.discount)}`}
              offer={data}
              id="edit-offer"
              label="Edit offer"
              submitLabel="Save changes"
              save={({ codeSource: _codeSource, ...changes }) => updateOffer(data.id, changes)}
              onSaved={(saved) => done(`Offer ${saved.name} saved.`)}
            />
          </section>
          <section className="offer-section" aria-labelledby="delete-heading">
            <h2 id="delete-heading">Delete</h2>
            <DeleteButton what={`offer "${data.name}"`} remove={() => deleteOffer(data.id)} onDeleted={() => navigate('#/offers')} />
          </section>
        </>
      )}
    </>
  );
}
