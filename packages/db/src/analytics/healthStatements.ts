import type { Db } from '../client';
import { preparedPerDb } from '../preparedPerDb';
import type { PluckedStatement, RawStatement } from '../access/rawStatement';
import { indexedBy } from '../queries/indexedBy';

/** The per-customer reads and writes of health scoring, prepared once per database (they run for every customer a batch touches). */
function prepareAll(db: Db) {
  const sql = (text: string) => db.prepare(text);
  return {
    // Newest first, at most `target` rows: the count (capped) and, in the last row, the event whose ageing-out can lower it.
    // Both run for every customer a batch touches, so both read an index alone, never the event rows: `type IN (...)`
    // is word for word the WHERE of the partial index events_customer_activity (migration 0020), which holds the type;
    // named events read events_customer_name (customer, name, time), one range per name.
    // One row back (how many, capped, and the oldest of them) instead of up to `target` strings.
    anyActivity: sql(
      `SELECT count(*) AS count, min(timestamp) AS oldest FROM (SELECT timestamp FROM events WHERE customer_id = ? AND timestamp > ? AND timestamp <= ? AND type IN ('track', 'page', 'screen') ORDER BY timestamp DESC LIMIT ?) AS sub1`,
    ),
    namedActivity: sql(
      `SELECT count(*) AS count, min(timestamp) AS oldest FROM (SELECT timestamp FROM events ${indexedBy(db, 'events_customer_name')} WHERE customer_id = ? AND timestamp > ? AND timestamp <= ? AND name IN (SELECT value FROM json_each(?)) ORDER BY timestamp DESC LIMIT ?) AS sub2`,
    ),
    // ORDER BY … DESC LIMIT 1, not max(): SQLite takes max() over a range by reading the whole range, this is one
    // descent of the index. No row is undefined (the readers treat it as "none").
    latestEvent: sql(`SELECT timestamp FROM events WHERE customer_id = ? AND name = ? AND timestamp > ? AND timestamp <= ? ORDER BY timestamp DESC LIMIT 1`).pluck(),
    latestOpen: sql(`SELECT opened_at FROM deliveries WHERE customer_id = ? AND opened_at > ? AND opened_at <= ? ORDER BY opened_at DESC LIMIT 1`).pluck(),
    latestClick: sql(`SELECT clicked_at FROM deliveries WHERE customer_id = ? AND clicked_at > ? AND clicked_at <= ? ORDER BY clicked_at DESC LIMIT 1`).pluck(),
    nps: sql(`SELECT score FROM health_nps WHERE customer_id = ?`).pluck(),
    trait: sql(`SELECT json_extract(traits, ?) FROM customers WHERE id = ?`).pluck(),
    recordNps: sql(`INSERT INTO health_nps (customer_id, score, at) VALUES (?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET score = excluded.score, at = excluded.at WHERE excluded.at >= health_nps.at`),
    // What a rescore compares against, in one statement (it runs for every customer a batch touches): the current
    // score and band (null before the first) and when the customer is next due for a recheck.
    stateOf: sql(
      `SELECT h.score AS score, h.band AS band, r.due_at AS dueAt FROM (SELECT ? AS id) x
       LEFT JOIN customer_health h ON h.customer_id = x.id LEFT JOIN health_rechecks r ON r.customer_id = x.id`,
    ),
    saveCurrent: sql(`INSERT INTO customer_health (customer_id, score, band, computed_at) VALUES (?, ?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET score = excluded.score, band = excluded.band, computed_at = excluded.computed_at`),
    addHistory: sql(`INSERT INTO health_history (customer_id, score, band, from_band, at) VALUES (?, ?, ?, ?, ?)`),
    setRecheck: sql(`INSERT INTO health_rechecks (customer_id, due_at) VALUES (?, ?) ON CONFLICT (customer_id) DO UPDATE SET due_at = excluded.due_at`),
    clearRecheck: sql(`DELETE FROM health_rechecks WHERE customer_id = ?`),
    dueRechecks: sql(`SELECT customer_id FROM health_rechecks WHERE due_at <= ? ORDER BY due_at LIMIT ?`).pluck(),
    customersAfter: sql(`SELECT id FROM customers WHERE id > ? ORDER BY id LIMIT ?`).pluck(),
    insertEvent: sql(
      `INSERT INTO events (id, message_id, type, name, customer_id, properties, timestamp, received_at) VALUES (?, ?, 'internal', 'health_changed', ?, ?, ?, ?)`,
    ),
  } satisfies Record<string, RawStatement | PluckedStatement>;
}

/** The prepared health statements of this database. */
export const healthStatements = preparedPerDb(prepareAll);
