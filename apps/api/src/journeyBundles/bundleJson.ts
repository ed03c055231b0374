/** Keys that read best first, in this order; every other key follows alphabetically. */
const leadingKeys = ['format', 'journey', 'templates', 'offers', 'segments', 'ref', 'id', 'type', 'kind', 'name', 'label', 'stage', 'graph', 'nodes', 'edges', 'goal'];
const rank = new Map(leadingKeys.map((key, index) => [key, index]));

function ordered(keyA: string, keyB: string): number {
  const a = rank.get(keyA) ?? leadingKeys.length;
  const b = rank.get(keyB) ?? leadingKeys.length;
  return a !== b ? a - b : keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

/**
 * A bundle as text that diffs cleanly line by line: keys in one fixed order at every level, two-space indents, one
 * value per line, a final newline. The same bundle always gives the same bytes; editing one step changes only its lines.
 */
export function bundleJson(bundle: unknown): string {
  const text = JSON.stringify(
    bundle,
    (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.keys(value).sort(ordered).map((key) => [key, (value as Record<string, unknown>)[key]]))
        : value,
    2,
  );
  return `${text}\n`;
}
