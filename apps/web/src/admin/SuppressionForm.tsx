import { useState } from 'react';
import { addSuppression } from '../api/suppressions';

/** Suppress an address by hand (e.g. a customer who asked by phone), with the reason the list will show. */
export function SuppressionForm({ run }: { run: (action: () => Promise<string>) => void }) {
  const [address, setAddress] = useState('');
  const [reason, setReason] = useState('');
  return (
    <form
      className="form-card inline-form"
      aria-label="Suppress an address"
      onSubmit={(event) => {
        event.preventDefault();
        run(async () => {
          const added = await addSuppression(address.trim(), reason.trim());
          setAddress('');
          setReason('');
          return `${added.address} is suppressed: no journey will email it.`;
        });
      }}
    >
      <div className="field"><label htmlFor="suppress-address">Address</label><input id="suppress-address" type="email" required value={address} onChange={(event) => setAddress(event.target.value)} /></div>
      <div className="field"><label htmlFor="suppress-reason">Reason</label><input id="suppress-reason" required maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} /></div>
      <button type="submit" className="button button-primary">Suppress address</button>
    </form>
  );
}
