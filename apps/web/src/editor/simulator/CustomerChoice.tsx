import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../api/client';

export type CustomerSource = 'sample' | 'customer';

/** Customers whose id or email starts with what was typed, for the suggestions. */
function useCustomerSuggestions(typed: string) {
  const q = typed.trim();
  return useQuery({
    queryKey: ['customer-suggestions', q],
    enabled: q !== '',
    staleTime: 30_000,
    queryFn: () => getJson<{ customers: { id: string; email: string | null }[] }>(`/api/customers?limit=8&q=${encodeURIComponent(q)}`),
  });
}

/** A stored customer (searched by id or email; read, never changed) or sample traits as JSON. */
export function CustomerChoice(props: {
  source: CustomerSource;
  customerId: string;
  traits: string;
  onSource: (source: CustomerSource) => void;
  onCustomerId: (id: string) => void;
  onTraits: (traits: string) => void;
}) {
  const id = useId();
  const suggestions = useCustomerSuggestions(props.source === 'customer' ? props.customerId : '');
  return (
    <div className="sim-customer">
      <fieldset>
        <legend>Customer</legend>
        <label>
          <input type="radio" name={`${id}-source`} checked={props.source === 'sample'} onChange={() => props.onSource('sample')} /> Sample traits
        </label>
        <label>
          <input type="radio" name={`${id}-source`} checked={props.source === 'customer'} onChange={() => props.onSource('customer')} /> A real customer
        </label>
      </fieldset>
      {props.source === 'customer' ? (
        <div className="field">
          <label htmlFor={`${id}-customer`}>Customer (id or email)</label>
          <input id={`${id}-customer`} list={`${id}-list`} value={props.customerId} autoComplete="off" placeholder="Start typing an id or an email" onChange={(event) => props.onCustomerId(event.target.value)} />
          <datalist id={`${id}-list`}>
            {(suggestions.data?.customers ?? []).map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.email ?? ''}
              </option>
            ))}
          </datalist>
          <p className="hint">Their traits and stage as stored now; nothing about them is changed.</p>
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-traits`}>Sample traits (JSON)</label>
          <textarea id={`${id}-traits`} className="code-input" rows={4} value={props.traits} onChange={(event) => props.onTraits(event.target.value)} />
        </div>
      )}
    </div>
  );
}
