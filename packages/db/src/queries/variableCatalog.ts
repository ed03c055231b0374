import type { Db } from '../client';

/** A key seen in a JSON column of the sampled rows: `parent` is set for a key one level down (`address.city`). */
export interface SeenKey {
  parent: string | null;
  key: string;
  /** SQLite's json type of the value (text, integer, real, true, false, null, object, array), the most common one. */
  type: string;
  /** One value seen (scalars only, cut to 60 characters); null when none was a scalar. */
  example: string | null;
  /** In how many of the sampled rows the key was present. */
  rows: number;
}

/** A property key seen on track events of one name. */
export interface SeenEventKey extends SeenKey {
  eventName: string;
}

/** How many of the newest rows the catalogue reads: bounded work whatever the tables hold (1M customers, 20M events). */
export const CATALOGUE_SAMPLE = { customers: 2_000, events: 10_000 } as const;

/**
 * Keys of `sample.doc` at the top level and one level down (objects only: array items have no name), with each
 * json type they were seen with: one row per (owner, parent, key, type). `sample` selects `owner` (an event name,
 * or '' for traits) and `doc` (always a JSON object: the app writes these columns; anything else is skipped, since an
 * array's items and a scalar have no key names).
 */
const keysOf = (sample: string) => `
  WITH sample AS (${sample}),
  seen AS (
    SELECT sample.owner, NULL AS parent, j.key, j.type, CASE WHEN j.type IN ('text', 'integer', 'real') THEN substr(j.value, 1, 60) END AS example
    FROM sample, json_each(sample.doc) AS j
    WHERE json_type(sample.doc) = 'object'
    UNION ALL
    SELECT sample.owner, j.key, k.key, k.type, CASE WHEN k.type IN ('text', 'integer', 'real') THEN substr(k.value, 1, 60) END
    FROM sample, json_each(sample.doc) AS j, json_each(j.value) AS k
    WHERE json_type(sample.doc) = 'object' AND j.type = 'object'
  )
  SELECT owner, parent, key, type, max(example) AS example, count(*) AS rows
  FROM seen
  GROUP BY owner, parent, key, type`;

// The newest rows are found by walking the rowid B-tree backwards: no sort and no full scan, however large the table.
const recentCustomers = `SELECT '' AS owner, traits AS doc FROM customers ORDER BY rowid DESC LIMIT ?`;
const recentTrackEvents = `SELECT name AS owner, properties AS doc FROM events WHERE type = 'track' AND name IS NOT NULL AND name <> '' ORDER BY rowid DESC LIMIT ?`;

type Row = SeenKey & { owner: string };

/** Most keys listed per owner (customers, or one event name): the most common first. */
const KEYS_PER_OWNER = 300;

/** One row per key: rows summed over its types, the most common type, an example; most common keys first. */
function merged(rows: Row[]): Row[] {
  const byKey = new Map<string, Row & { best: number }>();
  for (const row of rows) {
    const id = JSON.stringify([row.owner, row.parent, row.key]);
    const known = byKey.get(id);
    if (!known) byKey.set(id, { ...row, best: row.rows });
    else {
      if (row.rows > known.best) Object.assign(known, { type: row.type, best: row.rows });
      known.rows += row.rows;
      known.example ??= row.example;
    }
  }
  const all = [...byKey.values()].map(({ best: _best, ...row }) => row);
  all.sort((a, b) => a.owner.localeCompare(b.owner) || b.rows - a.rows || a.key.localeCompare(b.key));
  const perOwner = new Map<string, number>();
  return all.filter((row) => {
    const count = (perOwner.get(row.owner) ?? 0) + 1;
    perOwner.set(row.owner, count);
    return count <= KEYS_PER_OWNER;
  });
}

/** The trait keys of the most recently created customers (at most `sample` of them). */
export async function recentTraitKeys(db: Db, sample: number = CATALOGUE_SAMPLE.customers): Promise<SeenKey[]> {
  const rows = (await db.prepare(keysOf(recentCustomers)).all<Row>(sample));
  return merged(rows).map(({ owner: _owner, ...key }) => key);
}

/** The property keys of the most recently stored track events (at most `sample` events), per event name. */
export async function recentEventPropertyKeys(db: Db, sample: number = CATALOGUE_SAMPLE.events): Promise<SeenEventKey[]> {
  const rows = (await db.prepare(keysOf(recentTrackEvents)).all<Row>(sample));
  return merged(rows).map(({ owner, ...key }) => ({ eventName: owner, ...key }));
}

/** Offer names, for `offers["<name>"]` (offers are few: at most 200 listed). */
export async function offerNamesForTemplates(db: Db): Promise<string[]> {
  const rows = (await db.prepare('SELECT name FROM offers ORDER BY name LIMIT 200').all<{ name: string }>());
  return rows.map((row) => row.name);
}
