import type { JsonScalar } from '@lifecycle/journey';

/** What a marketer types, read as a JSON scalar: numbers and true/false become typed, the rest stays text. */
export function parseScalar(text: string): JsonScalar {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed === 'null') return null;
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return text;
}

/** A scalar or list shown back as text. */
export function showValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => String(item)).join(', ');
  if (value === undefined || value === null) return '';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}
