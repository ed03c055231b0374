import './offers.css';
import { useState, type FormEvent } from 'react';
import type { Discount, NewOffer, Offer } from '../api/offers';
import { FieldError } from './FieldError';
import { fieldIssuesOf, issueProps, type FieldIssues } from './fieldIssues';

type DiscountKind = 'none' | Discount['kind'];

/** What the form holds, as typed (numbers stay text until sent so a half-typed value is not lost). */
interface Draft {
  name: string;
  description: string;
  discountKind: DiscountKind;
  discountValue: string;
  currency: string;
  codeSource: 'pool' | 'generated';
  codePrefix: string;
  expires: string;
}

/** `2026-03-01T09:30` in local time, as a datetime-local input holds it. */
function localInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function draftOf(offer: Offer | undefined): Draft {
  return {
    name: offer?.name ?? '',
    description: offer?.description ?? '',
    discountKind: offer?.discount?.kind ?? 'percent',
    discountValue: offer?.discount ? String(offer.discount.value) : '',
    currency: offer?.discount?.kind === 'amount' ? offer.discount.currency : 'USD',
    codeSource: offer?.codeSource ?? 'pool',
    codePrefix: offer?.codePrefix ?? '',
    expires: localInput(offer?.expiresAt ?? null),
  };
}

/** The discount to send: a blank value is sent as-is (NaN is not JSON) so the API names the field. */
function discountOf(draft: Draft): NewOffer['discount'] {
  const value = draft.discountValue.trim() === '' ? (draft.discountValue as unknown as number) : Number(draft.discountValue);
  switch (draft.discountKind) {
    case 'none':
      return null;
    case 'percent':
      return { kind: 'percent', value };
    case 'amount':
      return { kind: 'amount', value, currency: draft.currency };
    default: {
      const unknown: never = draft.discountKind;
      throw new Error(`unknown discount kind ${String(unknown)}`);
    }
  }
}

/** Which API field each form field answers for: editing a field clears its message. */
const fieldPaths: Partial<Record<keyof Draft, string[]>> = {
  name: ['name'],
  description: ['description'],
  discountKind: ['discount', 'discount.kind', 'discount.value', 'discount.currency'],
  discountValue: ['discount', 'discount.value'],
  currency: ['discount.currency'],
  codePrefix: ['codePrefix'],
  expires: ['expiresAt'],
};

interface Props {
  /** The offer being edited; absent for a new one (then where codes come from can be chosen). */
  offer?: Offer;
  id: string;
  label: string;
  submitLabel: string;
  save: (offer: NewOffer) => Promise<Offer>;
  onSaved: (offer: Offer) => void;
}

/** Name, description, discount (percent or amount with currency), code prefix and expiry; the API's messages show beside each field. */
export function OfferForm({ offer, id, label, submitLabel, save, onSaved }: Props) {
  const [draft, setDraft] = useState(() => draftOf(offer));
  const [issues, setIssues] = useState<FieldIssues>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    const cleared: string[] = fieldPaths[key] ?? [];
    setIssues((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !cleared.includes(path))));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const expiresAt = draft.expires ? new Date(draft.expires).toISOString() : null;
    save({ name: draft.name, description: draft.description.trim() || null, discount: discountOf(draft), codeSource: draft.codeSource, codePrefix: draft.codePrefix || null, expiresAt })
      .then(
        (saved) => {
          setIssues({});
          setFailure(null);
          if (!offer) setDraft(draftOf(undefined));
          onSaved(saved);
        },
        (error: unknown) => {
          const found = fieldIssuesOf(error);
          setIssues(found);
          setFailure(Object.keys(found).length > 0 ? null : error instanceof Error ? error.message : String(error));
        },
      )
      .finally(() => setBusy(false));
  };
  const field = (name: keyof Draft) => `${id}-${name}`;
  const props = (name: keyof Draft, path: string) => ({ id: field(name), ...issueProps(issues, path, field(name)) });
  return (
    <form className="form-card offer-form" onSubmit={submit} aria-label={label} noValidate>
      <div className="field">
        <label htmlFor={field('name')}>Name</label>
        <input {...props('name', 'name')} value={draft.name} onChange={(event) => set('name', event.target.value)} />
        <FieldError issues={issues} path="name" id={field('name')} />
      </div>
      <div className="field">
        <label htmlFor={field('discountKind')}>Discount</label>
        <select {...props('discountKind', 'discount.kind')} value={draft.discountKind} onChange={(event) => set('discountKind', event.target.value as DiscountKind)}>
          <option value="percent">percentage off</option>
          <option value="amount">amount off</option>
          <option value="none">no discount</option>
        </select>
        <FieldError issues={issues} path="discount.kind" id={field('discountKind')} />
      </div>
      {draft.discountKind !== 'none' && (
        <div className="field">
          <label htmlFor={field('discountValue')}>{draft.discountKind === 'percent' ? 'Percent off' : 'Amount off'}</label>
          <input {...props('discountValue', 'discount.value')} inputMode="decimal" value={draft.discountValue} onChange={(event) => set('discountValue', event.target.value)} />
          <FieldError issues={issues} path="discount.value" id={field('discountValue')} />
        </div>
      )}
      {draft.discountKind === 'amount' && (
        <div className="field">
          <label htmlFor={field('currency')}>Currency</label>
          <input {...props('currency', 'discount.currency')} maxLength={3} value={draft.currency} onChange={(event) => set('currency', event.target.value.toUpperCase())} />
          <FieldError issues={issues} path="discount.currency" id={field('currency')} />
        </div>
      )}
      {!offer && (
        <div className="field">
          <label htmlFor={field('codeSource')}>Codes</label>
          <select id={field('codeSource')} value={draft.codeSource} onChange={(event) => set('codeSource', event.target.value as Draft['codeSource'])}>
            <option value="pool">from a pool I upload</option>
            <option value="generated">generated per customer</option>
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={field('codePrefix')}>Code prefix</label>
        <input {...props('codePrefix', 'codePrefix')} value={draft.codePrefix} placeholder="e.g. WELCOME20-" onChange={(event) => set('codePrefix', event.target.value)} />
        <FieldError issues={issues} path="codePrefix" id={field('codePrefix')} />
      </div>
      <div className="field">
        <label htmlFor={field('expires')}>Expires</label>
        <input {...props('expires', 'expiresAt')} type="datetime-local" value={draft.expires} onChange={(event) => set('expires', event.target.value)} />
        <FieldError issues={issues} path="expiresAt" id={field('expires')} />
      </div>
      <div className="field field-wide">
        <label htmlFor={field('description')}>Description (templates show it as <code>{'{{ offer.description }}'}</code>)</label>
        <textarea {...props('description', 'description')} rows={2} value={draft.description} onChange={(event) => set('description', event.target.value)} />
        <FieldError issues={issues} path="description" id={field('description')} />
      </div>
      <div className="offer-form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
        {failure && (
          <span role="alert" className="offer-field-error">
            {failure}
          </span>
        )}
      </div>
    </form>
  );
}
