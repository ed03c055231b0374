import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { funnelWalks } from './stageFunnelWalk';
import type { StageFilter } from './stagesQueries';

/**
 * Keeps the funnel rollup of migration 0036 current before a read: the customers a stage change or a moved first-seen
 * marked are walked again (set-based, a handful of rows each), and a changed stage order or set of churn stages
 * rebuilds every walk. Triggers keep `stage_funnel_keyed` equal to the walks × each customer's keys.
 */
export type FunnelConfig = { stages: string[]; churnStages: string[] };

const COLUMNS = sql`(customer_id, start_stage, track, day, prev_day, step, bucket, entries)`;

async function builtFor(db: Db): Promise<{ stages: string; churnStages: string } | undefined> {
  return (await db.rows<{ stages: string; churnStages: string }>(sql`SELECT stages, churn_stages AS churnStages FROM stage_funnel_state WHERE id = 1`))[0];
}

const isCurrent = async (db: Db, config: FunnelConfig) => {
  const built = await builtFor(db);
  return built?.stages === JSON.stringify(config.stages) && built.churnStages === JSON.stringify(config.churnStages);
};
const hasDirty = async (db: Db) => (await db.rows(sql`SELECT 1 AS one FROM stage_funnel_dirty LIMIT 1`))[0] !== undefined;

/** Every walk again for `config` (as the migration's backfill): both tables filled set-based, the triggers held off. */
export async function rebuildStageFunnel(db: Db, config: FunnelConfig): Promise<void> {
  await db.run(sql`INSERT INTO stage_funnel_state (id, stages, churn_stages, building) VALUES (1, ${JSON.stringify(config.stages)}, ${JSON.stringify(config.churnStages)}, 1)
        ON CONFLICT (id) DO UPDATE SET stages = excluded.stages, churn_stages = excluded.churn_stages, building = 1`);
  await db.run(sql`DELETE FROM stage_funnel_reach`);
  await db.run(sql`DELETE FROM stage_funnel_keyed`);
  await db.run(sql`DELETE FROM stage_funnel_dirty`);
  await db.run(sql`INSERT INTO stage_funnel_reach ${COLUMNS} ${funnelWalks(db, config, 'all')}`);
  await db.run(sql`INSERT INTO stage_funnel_keyed (segment_id, channel, start_stage, track, day, prev_day, step, bucket, entries)
        SELECT '', '', start_stage, track, day, prev_day, step, bucket, sum(entries) FROM stage_funnel_reach GROUP BY 3, 4, 5, 6, 7, 8
        UNION ALL
        SELECT k.segment_id, k.channel, r.start_stage, r.track, r.day, r.prev_day, r.step, r.bucket, sum(r.entries)
        FROM stage_customer_keys k JOIN stage_funnel_reach r ON r.customer_id = k.customer_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`);
  await db.run(sql`UPDATE stage_funnel_state SET building = 0 WHERE id = 1`);
}

/** The marked customers' walks worked out again; the triggers move the keyed counts by the difference. */
export async function flushStageFunnel(db: Db, config: FunnelConfig): Promise<void> {
  await db.run(sql`DELETE FROM stage_funnel_reach WHERE customer_id IN (SELECT customer_id FROM stage_funnel_dirty)`);
  await db.run(sql`INSERT INTO stage_funnel_reach ${COLUMNS} ${funnelWalks(db, config, 'dirty')}`);
  await db.run(sql`DELETE FROM stage_funnel_dirty`);
}

/** Brings the rollup up to date for `config`; a no-op (two indexed reads, no write lock) when nothing changed. */
export async function refreshStageFunnel(db: Db, config: FunnelConfig): Promise<void> {
  if ((await isCurrent(db, config)) && !(await hasDirty(db))) return;
  await db.transaction(async () => {
    if (!(await isCurrent(db, config))) await rebuildStageFunnel(db, config);
    else if (await hasDirty(db)) await flushStageFunnel(db, config);
  });
}

/** Entries per step and gap bucket (step 0: the entries, bucket -1). */
export type FunnelBucket = { step: number; bucket: number; entries: number };

/**
 * Each key customer's first entry into `start` in [from, to) (by UTC day: ranges start and end on days) and the steps
 * its walk along `track` reached, up to `lastStep`. A read of the keyed rollup: days × steps × buckets rows.
 */
export async function stageFunnelBuckets(
  db: Db,
  query: { start: string; track: string; lastStep: number; from: string; to: string; filter: StageFilter },
): Promise<FunnelBucket[]> {
  const fromDay = query.from.slice(0, 10);
  return await db.rows(sql`SELECT step, bucket, sum(entries) AS entries FROM stage_funnel_keyed
        WHERE segment_id = ${query.filter.segmentId ?? ''} AND channel = ${query.filter.channel ?? ''} AND start_stage = ${query.start}
          AND track = ${query.track} AND day >= ${fromDay} AND day < ${query.to.slice(0, 10)} AND prev_day < ${fromDay} AND step <= ${query.lastStep}
        GROUP BY step, bucket HAVING sum(entries) > 0`);
}

/**
 * For the periodic sweep: re-walks the customers marked since the last view, so the first funnel view after a busy
 * day does not pay for all of them. Never rebuilds (a changed stage order is rebuilt by the next view, once).
 */
export async function drainStageFunnel(db: Db, config: FunnelConfig): Promise<void> {
  if (!(await isCurrent(db, config)) || !(await hasDirty(db))) return;
  await db.transaction(async () => await flushStageFunnel(db, config));
}
