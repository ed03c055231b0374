import type { Db } from '@lifecycle/db';

/**
 * Indexes nothing on the build's write path reads (the analytics hook, changeStage, upsertRun and the triggers read
 * events by customer and time or name, deliveries by customer, runs by workflow id or customer): dropped while the
 * build inserts and created again at the end from their own stored SQL, so the finished file has exactly the schema a
 * migrated database has. One sort per index at the end costs far less than 20M random inserts into each.
 */
const DEFERRED = [
  'events_message_id',
  'events_customer',
  'events_undispatched',
  'deliveries_idempotency',
  'deliveries_workflow',
  'deliveries_sent',
  'deliveries_opened',
  'deliveries_clicked',
  'deliveries_status',
  'runs_journey',
  'runs_started',
  'runs_started_id',
  'runs_updated_id',
  'runs_status_started',
  'runs_status_updated',
  'runs_journey_started',
  'runs_journey_status_started',
  'runs_version_status_started',
  'runs_version_started',
  'runs_node_started',
  'runs_ended',
  'run_steps_node',
] as const;

/** Drops the deferred indexes; returns the statements that create them again. */
export async function dropDeferredIndexes(db: Db): Promise<string[]> {
  const lookup = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).pluck();
  const created: string[] = [];
  for (const name of DEFERRED) {
    const sql = (await lookup.get<string>(name));
    if (!sql) throw new Error(`the bench defers index ${name}, which the schema no longer has: update bench/analytics/deferredIndexes.ts`);
    await db.exec(`DROP INDEX "${name}"`);
    created.push(sql);
  }
  return created;
}

/** Creates the dropped indexes again (each sorts its table once, and commits: a resumed build skips those made). */
export async function createDeferredIndexes(db: Db, statements: readonly string[]): Promise<void> {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`);
  for (const sql of statements) {
    const name = /^CREATE (?:UNIQUE )?INDEX (?:IF NOT EXISTS )?[`"]?(\w+)/i.exec(sql)?.[1];
    if (name === undefined) throw new Error(`not an index: ${sql}`);
    if (!(await exists.get(name))) await db.exec(sql);
  }
}
