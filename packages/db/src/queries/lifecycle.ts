import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, getTableColumns, lte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { customerAliases, customerActivity, lifecycleSettings, segmentRechecks, stageHistory, sweepLocks } from '../lifecycleSchema';
import { recordStageChange } from '../analytics/stagesRollup';
import { preparedPerDb } from '../preparedPerDb';
import { indexedBy } from './indexedBy';

/** A stage change as the profile shows it (`leftAt` is the rollups' business: time in stage). */
export type StageChange = Omit<typeof stageHistory.$inferSelect, 'leftAt'>;

/** An event id that sorts after earlier ones (time first), for internal events written outside the API. */
export function internalEventId(at = Date.now()): string {
  return `evt_${at.toString(36).padStart(9, '0')}${randomHex16()}`;
}

// Random bytes drawn 4 KiB at a time: one randomBytes call per id cost more than the rest of a stage move's JS.
let pool = Buffer.alloc(0);
let poolAt = 0;

function randomHex16(): string {
  if (poolAt + 8 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += 8;
  return pool.toString('hex', poolAt - 8, poolAt);
}

/** The customer an alias (`anon:<anonymousId>`, a previous userId) now points at, or undefined. */
export async function resolveAlias(db: Db, aliasId: string): Promise<string | undefined> {
  return (await db.select({ customerId: customerAliases.customerId }).from(customerAliases).where(eq(customerAliases.aliasId, aliasId)).limit(1))[0]?.customerId;
}

/** Points an alias at a customer (and every alias that pointed at the alias, too). */
export async function addAlias(db: Db, aliasId: string, customerId: string): Promise<void> {
  if (aliasId === customerId) return;
  await db.insert(customerAliases).values({ aliasId, customerId }).onConflictDoUpdate({ target: customerAliases.aliasId, set: { customerId } });
  await db.update(customerAliases).set({ customerId }).where(eq(customerAliases.customerId, aliasId));
}

/** Records that the customer was active at `at` (kept as the latest time seen). */
export async function touchActivity(db: Db, customerId: string, at: string): Promise<void> {
  await db.insert(customerActivity)
    .values({ customerId, lastSeenAt: at })
    .onConflictDoUpdate({ target: customerActivity.customerId, set: { lastSeenAt: sql`max(${customerActivity.lastSeenAt}, excluded.last_seen_at)` } });
}

/** Where a walk over the inactive customers got to, in `customer_activity_seen` order (last seen, then row). */
export type InactivityCursor = { lastSeenAt: string; row: number };

/**
 * The next `scan` customers last seen at or before `before`, after `cursor` (null: from the oldest), with the stage
 * each is in; `next` is where the following slice starts (null: the walk reached the end). The caller keeps those not
 * in the rule's target stage. Bounded by rows read, not rows kept: at 1M customers most of the inactive ones already
 * sit in the target stage, and a query that looked for `limit` movable ones read hundreds of thousands of index
 * entries (~4 s) on every sweep to find none.
 */
export async function inactiveCustomersSlice(
  db: Db,
  before: string,
  cursor: InactivityCursor | null,
  scan: number,
): Promise<{ customers: ({ customerId: string; stage: string | null } & InactivityCursor)[]; next: InactivityCursor | null }> {
  // One read of the slice: LEFT JOIN keeps every activity row read, so the last one is where the next slice starts
  // (a row without a customer row is skipped, never revisited in this walk).
  const rows = await db
    .prepare(
      `select a.customer_id as customerId, a.last_seen_at as lastSeenAt, a.rowid as row, c.id is not null as known, c.lifecycle_stage as stage
       from (select rowid, customer_id, last_seen_at from customer_activity ${indexedBy(db, 'customer_activity_seen')}
             where last_seen_at <= ? and (last_seen_at > ? or (last_seen_at = ? and rowid > ?)) order by last_seen_at, rowid limit ?) a
       left join customers c on c.id = a.customer_id
       order by a.last_seen_at, a.rowid`,
    )
    .all<{ customerId: string; lastSeenAt: string; row: number; known: number; stage: string | null }>(before, cursor?.lastSeenAt ?? '', cursor?.lastSeenAt ?? '', cursor?.row ?? 0, scan);
  const last = rows.length === scan ? rows[scan - 1]! : undefined;
  const customers = rows.filter((row) => row.known).map(({ customerId, lastSeenAt, row, stage }) => ({ customerId, lastSeenAt, row, stage }));
  return { customers, next: last ? { lastSeenAt: last.lastSeenAt, row: last.row } : null };
}

/** The saved lifecycle config (unparsed JSON), or undefined before anyone saved one. */
export async function getLifecycleSettings(db: Db): Promise<unknown> {
  return (await db.select().from(lifecycleSettings).where(eq(lifecycleSettings.id, 'default')).limit(1))[0]?.config;
}

/** Saves the lifecycle config. */
export async function saveLifecycleSettings(db: Db, config: unknown): Promise<void> {
  const updatedAt = new Date().toISOString();
  await db.insert(lifecycleSettings).values({ id: 'default', config, updatedAt }).onConflictDoUpdate({ target: lifecycleSettings.id, set: { config, updatedAt } });
}

/**
 * Moves a customer to a stage: sets the column, records the change with its cause, stores the internal
 * `stage_entered` event (dispatched to journeys like any other) and queues their segments for a re-check.
 * Nothing happens when they are already in that stage. Runs in one transaction.
 */
export async function changeStage(
  db: Db,
  change: { customerId: string; to: string; cause: string; at?: string },
): Promise<{ changed: boolean; from: string | null }> {
  const at = change.at ?? new Date().toISOString();
  const statements = stageStatements(db);
  // A savepoint when a caller's transaction is open. IMMEDIATE (as every outermost transaction) because it writes: a
  // deferred one that reads first fails at once with SQLITE_BUSY if another process wrote since.
  return await db.transaction(async () => {
    await db.lockCustomers([change.customerId]); // the rollup triggers read the customer's other rows
    const current = await statements.stageOf.get<{ stage: string | null }>(change.customerId);
    if (!current || current.stage === change.to) return { changed: false, from: current?.stage ?? null };
    await statements.setStage.run(change.to, at, change.customerId);
    await recordStageChange(db, { customerId: change.customerId, from: current.stage, to: change.to, at });
    await statements.addHistory.run(change.customerId, current.stage, change.to, change.cause, at);
    const id = internalEventId(Date.parse(at));
    const properties = JSON.stringify({ stage: change.to, previousStage: current.stage, cause: change.cause });
    await statements.insertEvent.run(id, `stage:${id}`, change.customerId, properties, at, at);
    await statements.queueRecheck.run(change.customerId, at);
    return { changed: true, from: current.stage };
  });
}

/**
 * changeStage's statements, prepared once per database: it runs for every stage rule that fires on ingest and
 * every customer the inactivity sweep moves, and building drizzle statements per call cost more than the writes.
 */
function prepareStageStatements(db: Db) {
  const prepare = (text: string) => db.prepare(text);
  return {
    stageOf: prepare(`SELECT lifecycle_stage AS stage FROM customers WHERE id = ?`),
    setStage: prepare(`UPDATE customers SET lifecycle_stage = ?, updated_at = ? WHERE id = ?`),
    addHistory: prepare(`INSERT INTO stage_history (customer_id, from_stage, to_stage, cause, at) VALUES (?, ?, ?, ?, ?)`),
    insertEvent: prepare(`INSERT INTO events (id, message_id, type, name, customer_id, properties, timestamp, received_at) VALUES (?, ?, 'internal', 'stage_entered', ?, ?, ?, ?)`),
    queueRecheck: prepare(`INSERT INTO segment_rechecks (customer_id, due_at) VALUES (?, ?) ON CONFLICT (customer_id) DO UPDATE SET due_at = min(segment_rechecks.due_at, excluded.due_at)`),
  };
}

const stageStatements = preparedPerDb(prepareStageStatements);

/** A customer's stage changes, newest first. */
export async function stageHistoryOf(db: Db, customerId: string, limit = 100): Promise<StageChange[]> {
  const { leftAt: _rollupsOnly, ...shown } = getTableColumns(stageHistory);
  return await db.select(shown).from(stageHistory).where(eq(stageHistory.customerId, customerId)).orderBy(desc(stageHistory.at), desc(stageHistory.id)).limit(limit);
}

/** Asks for the customer's segments to be re-checked at `dueAt` (the earlier of this and any pending request wins). */
export async function queueRecheck(db: Db, customerId: string, dueAt: string): Promise<void> {
  await db.insert(segmentRechecks)
    .values({ customerId, dueAt })
    .onConflictDoUpdate({ target: segmentRechecks.customerId, set: { dueAt: sql`min(${segmentRechecks.dueAt}, excluded.due_at)` } });
}

/** Sets (or clears, with null) when the customer's segments next need a re-check. */
export async function setRecheck(db: Db, customerId: string, dueAt: string | null): Promise<void> {
  if (dueAt === null) await db.delete(segmentRechecks).where(eq(segmentRechecks.customerId, customerId));
  else await db.insert(segmentRechecks).values({ customerId, dueAt }).onConflictDoUpdate({ target: segmentRechecks.customerId, set: { dueAt } });
}

/** Customers whose re-check is due by `now`, soonest first. */
export async function dueRechecks(db: Db, now: string, limit: number): Promise<string[]> {
  return (await db
    .select({ customerId: segmentRechecks.customerId })
    .from(segmentRechecks)
    .where(lte(segmentRechecks.dueAt, now))
    .orderBy(asc(segmentRechecks.dueAt))
    .limit(limit))
    .map((row) => row.customerId);
}

/** Takes the named sweep lock for `ttlMs` unless another holder has it; true when `holder` has it now. */
export async function takeSweepLock(db: Db, name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  const taken = (await db
    .insert(sweepLocks)
    .values({ name, holder, expiresAt })
    .onConflictDoUpdate({
      target: sweepLocks.name,
      set: { holder, expiresAt },
      setWhere: sql`${sweepLocks.expiresAt} <= ${now.toISOString()} or ${sweepLocks.holder} = ${holder}`,
    })
    .returning())[0];
  return taken?.holder === holder;
}

/** Gives the named lock up if `holder` has it (a process stopping cleanly), so another takes it at once, not after its ttl. */
export async function releaseSweepLock(db: Db, name: string, holder: string): Promise<void> {
  await db.delete(sweepLocks)
    .where(and(eq(sweepLocks.name, name), eq(sweepLocks.holder, holder)));
}
