import { useState, type FormEvent } from 'react';
import { redeemCode } from '../api/offers';
import { ApiError } from '../api/client';

/** Mark a code used by hand (a code read out at a till); the API refuses a code the offer lacks or never issued. */
export function RedeemForm({ offerId, onRedeemed }: { offerId: string; onRedeemed: (text: string) => void }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    redeemCode(offerId, code.trim()).then(
      (redemption) => {
        setCode('');
        setProblem(null);
        onRedeemed(redemption.outcome === 'redeemed' ? `Code ${redemption.code} marked redeemed.` : `Code ${redemption.code} was already redeemed.`);
      },
      (error: unknown) => {
        const issue = error instanceof ApiError ? (error.body as { issues?: { message: string }[] } | null)?.issues?.[0]?.message : undefined;
        setProblem(issue ? issue.charAt(0).toUpperCase() + issue.slice(1) : error instanceof Error ? error.message : String(error));
      },
    );
  };
  return (
    <form className="form-card inline-form" onSubmit={submit} aria-label="Redeem a code" noValidate>
      <div className="field">
        <label htmlFor="redeem-code">Code the customer used</label>
        <input
          id="redeem-code"
          value={code}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'redeem-code-error' : undefined}
          onChange={(event) => {
            setCode(event.target.value);
            setProblem(null);
          }}
        />
        {problem && (
          <span id="redeem-code-error" className="offer-field-error">
            {problem}
          </span>
        )}
      </div>
      <button type="submit" className="button" disabled={code.trim() === ''}>
        Mark redeemed
      </button>
    </form>
  );
}
