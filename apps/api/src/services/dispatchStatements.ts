import type { Db } from '@lifecycle/db';

type Statement = import('better-sqlite3').Statement<unknown[]>;

/** The dispatcher's per-event queries, prepared once per database (same SQL as the drizzle queries they stand for). */
function prepareAll(db: Db) {
  const sql = (text: string): Statement => db.$client.prepare(text);
  return {
    liveTriggerNames: sql(`select distinct v.trigger_event from journeys j join journey_versions v on v.id = j.live_version_id where j.status = 'live'`).pluck(),
    activeRunIds: sql(`select workflow_id from runs where customer_id = ? and status in ('running', 'waiting')`).pluck(),
    markDispatched: sql(`update events set dispatched_at = ?, dispatch_error = null where id = ? and dispatched_at is null`),
  };
}

const cache = new WeakMap<Db, ReturnType<typeof prepareAll>>();

/** The prepared dispatcher statements of this database. */
export function dispatchStatements(db: Db) {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = prepareAll(db)));
  return statements;
}

/** Event names some live journey starts on, read once per dispatch pass. */
export function liveTriggerNames(db: Db): Set<string> {
  return new Set(dispatchStatements(db).liveTriggerNames.all() as string[]);
}
