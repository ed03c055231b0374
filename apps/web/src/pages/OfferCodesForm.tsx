import { useState } from 'react';
import { addCodes, type Offer } from '../api/offers';
import { codesAddedText } from '../offers/codesAddedText';

/** Add codes to an offer's pool: paste or upload a newline-separated list, or generate N; says which codes were skipped and why. */
export function OfferCodesForm({ offer, onDone }: { offer: Offer; onDone: (text: string) => void }) {
  const [codes, setCodes] = useState('');
  const [count, setCount] = useState(100);
  const id = `offer-${offer.id}`;
  const submit = (input: Parameters<typeof addCodes>[1]) =>
    addCodes(offer.id, input).then(
      (result) => {
        setCodes('');
        onDone(codesAddedText(offer.name, result));
      },
      (error: unknown) => onDone(`Could not add codes: ${error instanceof Error ? error.message : String(error)}`),
    );
  const list = codes.split(/\r?\n/).map((code) => code.trim()).filter(Boolean);
  return (
    <div className="offer-codes">
      <div className="field">
        <label htmlFor={`${id}-codes`}>Codes, one per line</label>
        <textarea id={`${id}-codes`} rows={3} value={codes} onChange={(event) => setCodes(event.target.value)} />
        <label htmlFor={`${id}-file`}>or upload a file</label>
        <input id={`${id}-file`} type="file" accept=".txt,.csv,text/plain" onChange={(event) => void event.target.files?.[0]?.text().then(setCodes)} />
      </div>
      <button type="button" className="button button-small" disabled={list.length === 0} onClick={() => void submit({ codes: list })}>
        Add {list.length || ''} code{list.length === 1 ? '' : 's'}
      </button>
      <label htmlFor={`${id}-generate`}>Generate</label>
      <input id={`${id}-generate`} type="number" min={1} max={20000} value={count} className="narrow" onChange={(event) => setCount(Number(event.target.value))} />
      <button type="button" className="button button-small" onClick={() => void submit({ generate: count })}>
        Generate codes
      </button>
    </div>
  );
}
