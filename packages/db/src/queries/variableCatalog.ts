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
export const CATALOGUE_SAMPLE = { customers: 5_000, events: 20_000 } as const;

/**
 * Keys of `sample.doc` at the top level and one level down (objects only: array items have no name), grouped by
 * `sample.owner` (an event name, or '' for traits). `sample` must select `owner` and `doc`.
 */
const keysOf = (sample: string) => `
  WITH sample AS (${sample}),
  docs AS (SELECT owner, doc FROM sample WHERE json_valid(doc) AND json_type(doc) = 'object'),
  seen AS (
    SELECT docs.owner, NULL AS parent, j.key, j.type, CASE WHEN j.type IN ('text', 'integer', 'real') THEN substr(j.value, 1, 60) END AS example
    FROM docs, json_each(docs.doc) AS j
    UNION ALL
    SELECT docs.owner, j.key, k.key, k.type, CASE WHEN k.type IN ('text', 'integer', 'real') THEN substr(k.value, 1, 60) END
    FROM docs, json_each(docs.doc) AS j, json_each(j.value) AS k
    WHERE j.type = 'object'
  ),
  typed AS (SELECT owner, parent, key, type, count(*) AS n FROM seen GROUP BY owner, parent, key, type)
  SELECT owner, parent, key, max(example) AS example, count(*) AS rows,
    (SELECT t.type FROM typed AS t WHERE t.owner = seen.owner AND t.parent IS seen.parent AND t.key = seen.key ORDER BY t.n DESC LIMIT 1) AS type
  FROM seen
  WHERE typeof(key) = 'text'
  GROUP BY owner, parent, key
  ORDER BY owner, rows DESC, key
  LIMIT 1000`;

// The newest rows are found by walking the rowid B-tree backwards: no sort and no full scan, however large the table.
const recentCustomers = `SELECT '' AS owner, traits AS doc FROM customers ORDER BY rowid DESC LIMIT ?`;
const recentTrackEvents = `SELECT name AS owner, properties AS doc FROM events WHERE type = 'track' AND name IS NOT NULL AND name <> '' ORDER BY rowid DESC LIMIT ?`;

type Row = SeenKey & { owner: string };

/** The trait keys of the most recently created customers (at most `sample` of them). */
export function recentTraitKeys(db: Db, sample: number = CATALOGUE_SAMPLE.customers): SeenKey[] {
  const rows = db.$client.prepare(keysOf(recentCustomers)).all(sample) as Row[];
  return rows.map(({ owner: _owner, ...key }) => key);
}

/** The property keys of the most recently stored track events (at most `sample` events), per event name. */
export function recentEventPropertyKeys(db: Db, sample: number = CATALOGUE_SAMPLE.events): SeenEventKey[] {
  const rows = db.$client.prepare(keysOf(recentTrackEvents)).all(sample) as Row[];
  return rows.map(({ owner, ...key }) => ({ eventName: owner, ...key }));
}

/** Offer names, for `offers["<name>"]` (offers are few: at most 200 listed). */
export function offerNamesForTemplates(db: Db): string[] {
  const rows = db.$client.prepare('SELECT name FROM offers ORDER BY name LIMIT 200').all() as { name: string }[];
  return rows.map((row) => row.name);
}
