import { useState, type FormEvent } from 'react';
import { createOffer } from '../api/offers';

/** Create an offer: name, where codes come from, prefix and expiry. */
export function NewOfferForm({ onDone }: { onDone: (text: string) => void }) {
  const [name, setName] = useState('');
  const [codeSource, setCodeSource] = useState<'pool' | 'generated'>('pool');
  const [prefix, setPrefix] = useState('');
  const [expires, setExpires] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    createOffer({ name, codeSource, codePrefix: prefix || null, expiresAt: expires ? new Date(expires).toISOString() : null }).then(
      (offer) => {
        setName('');
        onDone(`Offer ${offer.name} created.`);
      },
      (error: unknown) => onDone(`Could not create the offer: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  return (
    <form className="form-card inline-form" onSubmit={submit} aria-label="New offer">
      <div className="field"><label htmlFor="offer-name">Name</label><input id="offer-name" required value={name} onChange={(event) => setName(event.target.value)} /></div>
      <div className="field">
        <label htmlFor="offer-source">Codes</label>
        <select id="offer-source" value={codeSource} onChange={(event) => setCodeSource(event.target.value as 'pool' | 'generated')}>
          <option value="pool">from a pool I upload</option>
          <option value="generated">generated per customer</option>
        </select>
      </div>
      <div className="field"><label htmlFor="offer-prefix">Code prefix</label><input id="offer-prefix" value={prefix} onChange={(event) => setPrefix(event.target.value)} /></div>
      <div className="field"><label htmlFor="offer-expires">Expires</label><input id="offer-expires" type="datetime-local" value={expires} onChange={(event) => setExpires(event.target.value)} /></div>
      <button type="submit" className="button button-primary">Create offer</button>
    </form>
  );
}
