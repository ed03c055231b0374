import { tmpdir } from 'node:os';
import { openDatabase, cohortMatrix, customerPeriods, growthLens, cohortEvents } from '../packages/db/src/index';
import { rebuildCohorts } from '../packages/db/src/analytics/retentionCohortRollup';
import { rebuildInactivityChurns } from '../packages/db/src/analytics/retentionChurnRollup';
import { rebuildGrowth } from '../packages/db/src/analytics/retentionGrowthRollup';
import { DEFAULT_ANALYTICS_SETTINGS } from '../packages/journey/src/index';
/**
 * Times each retention query at scale: fills the retention rollups directly (N customers, default 1M, first seen over
 * 2026, 8 active days each within 120 days, 40% purchasing, 40% of those churning), then runs every figure 3 times.
 * `npx tsx bench/retentionQueries.ts <db file> <customers>`; a second run on the same file reuses its data.
 */
const file = process.argv[2] ?? `${tmpdir()}/retention-bench.db`;
const db = openDatabase(file);
const n = Number(process.argv[3] ?? 1_000_000);
const have = ((await db.prepare('select count(*) from customer_facts').pluck().get()) as number);
if (have === 0) {
  const t0 = Date.now();
  await db.exec(`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < ${n})
    INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) SELECT 'c'||i, date('2026-01-01', '+'||(abs(random())%330)||' days')||'T10:00:00.000Z', 'ch'||(i%5), NULL FROM s`);
  for (let k = 0; k < 8; k++) await db.exec(`INSERT INTO customer_active_periods SELECT customer_id, 'day', date(first_seen_at, '+'||(${k === 0 ? 0 : 'abs(random())%120'})||' days') FROM customer_facts WHERE true ON CONFLICT DO NOTHING`);
  await db.exec(`INSERT INTO customer_active_periods SELECT customer_id, 'week', date(period, '-6 days', 'weekday 1') FROM customer_active_periods WHERE interval='day' ON CONFLICT DO NOTHING`);
  await db.exec(`INSERT INTO customer_active_periods SELECT customer_id, 'month', date(period, 'start of month') FROM customer_active_periods WHERE interval='day' ON CONFLICT DO NOTHING`);
  await db.exec(`INSERT INTO customer_first_events SELECT customer_id, 'purchase', date(first_seen_at, '+'||(abs(random())%30)||' days')||'T11:00:00.000Z' FROM customer_facts WHERE abs(random())%10 < 4`);
  await db.exec(`INSERT INTO customer_first_events SELECT customer_id, 'login', first_seen_at FROM customer_facts`);
  await db.exec(`INSERT INTO stage_history (customer_id, from_stage, to_stage, cause, at) SELECT customer_id, 'lead', 'retention', 'x', first_at FROM customer_first_events WHERE event='purchase'`);
  await db.exec(`INSERT INTO stage_history (customer_id, from_stage, to_stage, cause, at) SELECT customer_id, 'retention', 'churned', 'x', date(first_at, '+'||(30+abs(random())%90)||' days')||'T12:00:00.000Z' FROM customer_first_events WHERE event='purchase' AND abs(random())%10 < 4`);
  await rebuildCohorts(db);
  await rebuildGrowth(db);
  console.log('rollups built', Date.now() - t0);
  await rebuildInactivityChurns(db, 30);
  await db.exec('ANALYZE');
  console.log('built in', Date.now() - t0, 'ms', await db.prepare('select count(*) from customer_active_periods').pluck().get(), 'period rows');
}
async function time(name: string, f: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) { const t = performance.now(); await f(); times.push(performance.now() - t); }
  console.log(name.padEnd(40), times.map((x) => x.toFixed(0)).join(' / '), 'ms');
}
const base = { segmentId: null, channel: null };
const q90w = { from: '2026-08-31T00:00:00.000Z', to: '2026-11-29T00:00:00.000Z', interval: 'week' as const, ...base };
const yearM = { from: '2026-01-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', interval: 'month' as const, ...base };
const settings = { ...DEFAULT_ANALYTICS_SETTINGS, churnInactivityDays: 30 };
await time('cohorts first_seen 90d week', async () => await cohortMatrix(db, { kind: 'first_seen' }, q90w));
await time('cohorts first_seen year month', async () => await cohortMatrix(db, { kind: 'first_seen' }, yearM));
await time('cohorts purchase year month', async () => await cohortMatrix(db, { kind: 'event', event: 'purchase' }, yearM));
await time('cohorts segment-free week 90d (join)', async () => await cohortMatrix(db, { kind: 'event', event: 'login' }, q90w));
await time('cohorts channel year month', async () => await cohortMatrix(db, { kind: 'first_seen' }, { ...yearM, channel: 'ch1' }));
await time('cohort events', async () => await cohortEvents(db));
await time('crr+churn 90d week (inactivity 30)', async () => await customerPeriods(db, settings, q90w));
await time('crr+churn year month (inactivity 30)', async () => await customerPeriods(db, settings, yearM));
await time('growth 90d week', async () => await growthLens(db, q90w));
await time('growth year month', async () => await growthLens(db, yearM));
await time('growth channel 90d week (probes)', async () => await growthLens(db, { ...q90w, channel: 'ch1' }));
