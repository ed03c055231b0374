import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api/client';
import type { PreviewTarget } from '../api/templates';

/** Whom the preview renders for: the sample traits, or a stored customer. */
export type PreviewSource = 'sample' | 'customer';

/** Customers whose id or email starts with what was typed (the customers search), for the picker's suggestions. */
function useCustomerSuggestions(typed: string) {
  const q = typed.trim();
  return useQuery({
    queryKey: ['customer-suggestions', q],
    enabled: q !== '',
    staleTime: 30_000,
    queryFn: () => getJson<{ customers: { id: string; email: string | null }[] }>(`/api/customers?limit=8&q=${encodeURIComponent(q)}`),
  });
}

/** Sample data (traits as JSON, editable unless `sampleEditable` is false) or a real customer, searched by id or email. */
export function PreviewTargetFields({ source, customerId, traits, sampleEditable, onSource, onCustomerId, onTraits }: {
  source: PreviewSource; customerId: string; traits: string; sampleEditable: boolean;
  onSource: (v: PreviewSource) => void; onCustomerId: (v: string) => void; onTraits: (v: string) => void;
}) {
  const listId = useId();
  const suggestions = useCustomerSuggestions(source === 'customer' ? customerId : '');
  return (
    <div className="preview-target">
      <fieldset className="preview-source">
        <legend>Preview with</legend>
        <label><input type="radio" name="preview-source" checked={source === 'sample'} onChange={() => onSource('sample')} /> Sample data</label>
        <label><input type="radio" name="preview-source" checked={source === 'customer'} onChange={() => onSource('customer')} /> A customer</label>
      </fieldset>
      {source === 'customer' ? (
        <div className="field">
          <label htmlFor="preview-customer">Customer (id or email)</label>
          <input id="preview-customer" list={listId} value={customerId} autoComplete="off" placeholder="Start typing an id or an email" onChange={(event) => onCustomerId(event.target.value)} />
          <datalist id={listId}>
            {(suggestions.data?.customers ?? []).map((customer) => (
              <option key={customer.id} value={customer.id}>{customer.email ?? ''}</option>
            ))}
          </datalist>
        </div>
      ) : !sampleEditable ? (
        <p className="hint">Sample traits: first_name “Ada”, plan “pro”.</p>
      ) : (
        <div className="field">
          <label htmlFor="preview-traits">Sample traits (JSON)</label>
          <textarea id="preview-traits" className="code-input" rows={3} value={traits} onChange={(event) => onTraits(event.target.value)} />
        </div>
      )}
    </div>
  );
}

/** The target the fields describe; null while there is none yet (no customer typed, traits not valid JSON). */
export function targetOf(source: PreviewSource, customerId: string, traits: string): PreviewTarget | null {
  if (source === 'customer') return customerId.trim() ? { customerId: customerId.trim() } : null;
  try {
    const parsed: unknown = JSON.parse(traits || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { traits: parsed as Record<string, unknown> } : null;
  } catch {
    return null;
  }
}
