import type { PreviewTarget } from '../api/templates';

/** Whom to preview for: a customer id from the database, or sample traits as JSON. */
export function PreviewTargetFields({ customerId, traits, onCustomerId, onTraits }: { customerId: string; traits: string; onCustomerId: (v: string) => void; onTraits: (v: string) => void }) {
  return (
    <div className="preview-target">
      <div className="field">
        <label htmlFor="preview-customer">Customer id</label>
        <input id="preview-customer" value={customerId} placeholder="leave empty to use sample traits" onChange={(event) => onCustomerId(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="preview-traits">Sample traits (JSON)</label>
        <textarea id="preview-traits" rows={3} value={traits} disabled={customerId !== ''} onChange={(event) => onTraits(event.target.value)} />
      </div>
    </div>
  );
}

/** The target the fields describe; null while the traits are not valid JSON. */
export function targetOf(customerId: string, traits: string): PreviewTarget | null {
  if (customerId.trim()) return { customerId: customerId.trim() };
  try {
    const parsed: unknown = JSON.parse(traits || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { traits: parsed as Record<string, unknown> } : null;
  } catch {
    return null;
  }
}
