import { createOffer } from '../api/offers';
import { OfferForm } from '../offers/OfferForm';

/** Create an offer: name, discount, description, where codes come from, prefix and expiry. */
export function NewOfferForm({ onDone }: { onDone: (text: string) => void }) {
  return <OfferForm id="offer" label="New offer" submitLabel="Create offer" save={createOffer} onSaved={(offer) => onDone(`Offer ${offer.name} created.`)} />;
}
