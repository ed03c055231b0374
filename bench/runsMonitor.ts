/**
 * The runs monitor at a million runs: fills a fresh SQLite file with 1M runs (through the real migrations), prints the
 * query plan of every list/count query the API issues, and times the first page, a deep keyset page and the counts.
 * Run: node --import tsx bench/runsMonitor.ts [runs=1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, desc, eq, gte, lt } from '../packages/db/node_modules/drizzle-orm/index.js';
import { runs } from '../packages/db/src/schema';
import { countRunsByStatus, listRunsPage, openDatabase, runsByStatus, type RunsFilter, type RunsSort } from '../packages/db/src/index';

const total = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'lifecycle-bench-runs-'));
const db = openDatabase(join(dir, 'bench.db'));
const statuses = ['running', 'waiting', 'completed', 'completed', 'completed', 'failed', 'cancelled', 'converted'] as const;
const nodes = ['trigger', 'send_welcome', 'wait_2d', 'split', 'send_reminder', 'done'];

const fillStarted = performance.now();
const insert = db.prepare(
  'insert into runs (workflow_id, journey_id, version_id, customer_id, status, current_node_id, started_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
);
await db.transaction(async () => {
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < total; i += 1) {
    const journey = `j${i % 20}`;
    const started = new Date(base + i * 1000).toISOString();
    const updated = new Date(base + i * 1000 + (i % 97) * 60_000).toISOString();
    await insert.run(`journey/${journey}/c${i}/once`, journey, `${journey}-v${i % 3}`, `c${i % 200_000}`, statuses[i % statuses.length], nodes[i % nodes.length], started, updated);
  }
});
console.log(`filled ${total} runs in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`);
await db.exec('analyze');

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const runs = 5;
  let result: T = await fn();
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) result = await fn();
  console.log(`${label}: ${((performance.now() - started) / runs).toFixed(2)} ms`);
  return result;
}

async function plan(label: string, filter: RunsFilter, sort: RunsSort) {
  const sql = listRunsSql(filter, sort);
  const rows = await db.prepare(`explain query plan ${sql.text}`).all<{ detail: string }>(...sql.params);
  console.log(`  plan ${label}: ${rows.map((row) => row.detail).join(' | ')}`);
}

// Plans are read from the SQL drizzle generates for the same filter (toSQL), mirroring listRunsPage's first page.
function listRunsSql(filter: RunsFilter, sort: RunsSort) {
  const column = sort.by === 'startedAt' ? runs.startedAt : runs.updatedAt;
  const conditions = [
    filter.journeyId ? eq(runs.journeyId, filter.journeyId) : undefined,
    filter.versionId ? eq(runs.versionId, filter.versionId) : undefined,
    filter.status ? eq(runs.status, filter.status) : undefined,
    filter.currentNodeId ? eq(runs.currentNodeId, filter.currentNodeId) : undefined,
    filter.customerId ? eq(runs.customerId, filter.customerId) : undefined,
    filter.startedAfter ? gte(runs.startedAt, filter.startedAfter) : undefined,
    filter.startedBefore ? lt(runs.startedAt, filter.startedBefore) : undefined,
  ];
  const order = sort.direction === 'desc' ? [desc(column), desc(runs.workflowId)] : [asc(column), asc(runs.workflowId)];
  const built = db.select().from(runs).where(and(...conditions)).orderBy(...order).limit(51).toSQL();
  return { text: built.sql, params: built.params };
}

const newest: RunsSort = { by: 'startedAt', direction: 'desc' };
const cases: [string, RunsFilter, RunsSort][] = [
  ['all, newest first', {}, newest],
  ['all, by updatedAt', {}, { by: 'updatedAt', direction: 'desc' }],
  ['status=failed', { status: 'failed' }, newest],
  ['journey', { journeyId: 'j7' }, newest],
  ['journey+status', { journeyId: 'j7', status: 'waiting' }, newest],
  ['version+status', { versionId: 'j7-v1', status: 'running' }, newest],
  ['current node', { currentNodeId: 'wait_2d' }, newest],
  ['customer', { customerId: 'c4242' }, newest],
  ['time range', { startedAfter: '2026-01-05T00:00:00.000Z', startedBefore: '2026-01-06T00:00:00.000Z' }, newest],
];
for (const [label, filter, sort] of cases) {
  await plan(label, filter, sort);
  const first = await time(`first page ${label}`, async () => await listRunsPage(db, filter, sort, 51));
  const last = first.at(-1);
  if (last) {
    // A deep page: the keyset from 100 pages in, reached without OFFSET.
    let key = { value: last[sort.by], workflowId: last.workflowId };
    for (let i = 0; i < 100; i += 1) {
      const page = await listRunsPage(db, filter, sort, 51, key);
      const end = page.at(-1);
      if (!end) break;
      key = { value: end[sort.by], workflowId: end.workflowId };
    }
    await time(`page 101 ${label}`, async () => await listRunsPage(db, filter, sort, 51, key));
  }
}
await time('counts, no filter', async () => await countRunsByStatus(db, {}));
await time('counts, journey', async () => await countRunsByStatus(db, { journeyId: 'j7' }));
await time('counts, version', async () => await countRunsByStatus(db, { versionId: 'j7-v1' }));
await time('/metrics runs by status', async () => await runsByStatus(db));
await db.close();
rmSync(dir, { recursive: true, force: true });
