/** "Welcome email (v2)" → "welcome-email-v2": a ref people can read in a bundle and in a diff. */
export function slugOf(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // accents off: "crème" → "creme"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

/**
 * Refs for items by id, from their names: items sorted by name (then id, which is stable within an install), a
 * repeated slug numbered (`welcome`, `welcome-2`). The same items always get the same refs.
 */
export function assignRefs(items: readonly { id: string; name: string }[], fallback: string): Map<string, string> {
  const sorted = [...items].sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1));
  const taken = new Set<string>();
  const refs = new Map<string, string>();
  for (const item of sorted) {
    const base = slugOf(item.name, fallback);
    let ref = base;
    for (let n = 2; taken.has(ref); n++) ref = `${base}-${n}`;
    taken.add(ref);
    refs.set(item.id, ref);
  }
  return refs;
}
