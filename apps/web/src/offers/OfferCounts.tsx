import './offers.css';
import type { Offer } from '../api/offers';

/** Codes left (pool offers), issued and redeemed, as three figures. */
export function OfferCounts({ offer }: { offer: Offer }) {
  const figures: [string, string][] = [
    ['Codes left', offer.codesLeft === null ? 'unlimited' : String(offer.codesLeft)],
    ['Issued', String(offer.codesIssued)],
    ['Redeemed', String(offer.codesRedeemed)],
  ];
  return (
    <ul className="offer-counts" aria-label="Codes">
      {figures.map(([label, value]) => (
        <li key={label} aria-label={`${label}: ${value}`}>
          <span className="offer-count-value">{value}</span>
          <span className="muted">{label}</span>
        </li>
      ))}
    </ul>
  );
}
