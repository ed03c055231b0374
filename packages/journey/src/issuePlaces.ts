import { fieldLabel } from './fieldLabels';

/** What one item of a list is called ("branches" → "branch"), for "condition 1 of branch 2". */
const itemNouns: Record<string, string> = {
  branches: 'branch',
  arms: 'arm',
  conditions: 'condition',
  rules: 'rule',
  stages: 'stage',
  nodes: 'step',
  edges: 'connection',
  batch: 'message',
  from: 'stage',
  codes: 'code',
};

/** "branches" → "branch"; unknown lists use their label ("Items" → "item"). */
export function itemNoun(listKey: string): string {
  return itemNouns[listKey] ?? fieldLabel(listKey).toLowerCase().replace(/es$|s$/, '');
}

/** The value at a path inside `root` (undefined when the path leaves the value). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** How an item of a list is named: a step by its label or id, a condition that holds conditions as a group. */
function itemName(root: unknown, path: readonly PropertyKey[], at: number): string {
  const listKey = String(path[at - 1]);
  const index = Number(path[at]);
  const item = record(valueAt(root, path.slice(0, at + 1)));
  if (listKey === 'nodes' && item) {
    const name = typeof item.label === 'string' && item.label !== '' ? item.label : typeof item.id === 'string' ? item.id : null;
    if (name !== null) return `step '${name}'`;
  }
  const isGroup = listKey === 'conditions' && (path[at + 1] === 'conditions' || (item !== undefined && 'match' in item));
  return `${isGroup ? 'group' : itemNoun(listKey)} ${index + 1}`;
}

/**
 * Where in nested lists a field sits, innermost first ("condition 1 of branch 2"), or null when it is in no list.
 * A path that ends on a list item names that item itself (`stages.2` → "stage 3"), not a place around it.
 */
export function placeOf(root: unknown, path: readonly PropertyKey[]): string | null {
  const places: string[] = [];
  const last = path.length - 1;
  path.forEach((key, at) => {
    if (at === last || at === 0 || !isIndex(key)) return;
    places.unshift(itemName(root, path, at));
  });
  return places.length > 0 ? places.join(' of ') : null;
}

/** True for an array index in a zod path (a number, or digits when the path came from text). */
export function isIndex(key: PropertyKey | undefined): boolean {
  return typeof key === 'number' || (typeof key === 'string' && /^\d+$/.test(key));
}

/** The name a path's own field goes by: its label, or "Stage 3" when the path ends on a list item. */
export function labelOf(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'This';
  if (isIndex(last) && path.length > 1) {
    const noun = itemNoun(String(path[path.length - 2]));
    return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${Number(last) + 1}`;
  }
  return fieldLabel(String(last));
}

/** The last field name of a path, skipping list indexes. */
export function fieldKeyAt(path: readonly PropertyKey[], fromEnd = 0): string | undefined {
  const keys = path.filter((key) => !isIndex(key)).map(String);
  return keys[keys.length - 1 - fromEnd];
}
