/** One row of the traits table: a dotted key (`address.city`, `tags.0`) and its value as text. */
export type TraitRow = { key: string; value: string };

function asText(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Traits as rows a person can read: nested objects and arrays flattened to dotted keys, sorted by key with numbers
 * in order (`item2` before `item10`). An empty object or array is one row showing `{}` or `[]`.
 */
export function flattenTraits(traits: Record<string, unknown>): TraitRow[] {
  const rows: TraitRow[] = [];
  const visit = (prefix: string, value: unknown) => {
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : value && typeof value === 'object' ? Object.entries(value) : null;
    if (entries && entries.length > 0) {
      for (const [key, inner] of entries) visit(prefix ? `${prefix}.${key}` : key, inner);
    } else {
      rows.push({ key: prefix, value: asText(value) });
    }
  };
  for (const [key, value] of Object.entries(traits)) visit(key, value);
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return rows.sort((a, b) => collator.compare(a.key, b.key));
}
