import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type Db } from '../client';
import { migrateSqlite } from '../migrateSqlite';
import { MIGRATIONS, migrationsBefore } from '../testing/migrationsBefore';
import { seededRandom } from '../../../../scripts/demoData/random';
import { randomStageHistory, randomTime as at } from '../testing/stageRandomHistory';
import { tempDirectory } from '../testing/tempDatabase';
import { stayBucketBounds } from './stageStays';
import { onPostgres, openTestDatabase } from '../testing/testDatabase';

const TAG = '0028_stage_keyed_rollups';
const TABLES = ['stage_now_keyed', 'stage_moves_keyed', 'stage_seen_keyed', 'stage_stays_ended_keyed', 'stage_stays_begun_keyed'] as const;
const STAGES = ['visitor', 'lead', 'trial', 'customer', 'churned'];
const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['ads', 'news', null];

/** What each rollup must hold, worked out in JS from the raw rows (zero counts left out). */
async function expected(db: Db): Promise<Record<string, string[]>> {
  const customers = await db.prepare('SELECT id, lifecycle_stage AS stage FROM customers').all<{ id: string; stage: string | null }>();
  const facts = new Map((await db.prepare('SELECT customer_id AS id, first_seen_at AS seen, channel FROM customer_facts').all<{ id: string; seen: string; channel: string | null }>()).map((f) => [f.id, f]));
  const members = await db.prepare('SELECT segment_id AS segment, customer_id AS id FROM segment_memberships').all<{ segment: string; id: string }>();
  const history = await db.prepare('SELECT customer_id AS id, from_stage AS "from", to_stage AS "to", at, left_at AS leftAt FROM stage_history').all<{ id: string; from: string | null; to: string; at: string; leftAt: string | null }>();
  const keysOf = (id: string): string[] => {
    const channel = facts.get(id)?.channel ?? null;
    const segments = members.filter((m) => m.id === id).map((m) => m.segment);
    return [...(channel ? [`|${channel}`] : []), ...segments.map((s) => `${s}|`), ...(channel ? segments.map((s) => `${s}|${channel}`) : [])];
  };
  const tables: Record<string, Map<string, number>> = Object.fromEntries(TABLES.map((table) => [table, new Map()]));
  const add = (table: string, key: string) => tables[table]!.set(key, (tables[table]!.get(key) ?? 0) + 1);
  for (const c of customers) for (const k of ['|', ...keysOf(c.id)]) add('stage_now_keyed', `${k}|${c.stage ?? ''}`);
  for (const f of facts.values()) for (const k of ['|', ...keysOf(f.id)]) add('stage_seen_keyed', `${k}|${f.seen.slice(0, 10)}`);
  for (const h of history) {
    for (const k of keysOf(h.id)) add('stage_moves_keyed', `${k}|${h.at.slice(0, 10)}|${h.from ?? ''}|${h.to}`);
    for (const k of ['|', ...keysOf(h.id)]) {
      add('stage_stays_begun_keyed', `${k}|${h.leftAt?.slice(0, 10) ?? ''}|${h.to}|${h.at.slice(0, 10)}`);
      if (h.leftAt === null) continue;
      const ms = Date.parse(h.leftAt) - Date.parse(h.at);
      let bucket = 0;
      while (stayBucketBounds(bucket).hi <= ms) bucket += 1;
      add('stage_stays_ended_keyed', `${k}|${h.leftAt.slice(0, 10)}|${h.to}|${bucket}`);
    }
  }
  return Object.fromEntries(TABLES.map((table) => [table, [...tables[table]!].map(([key, n]) => `${key}=${n}`).sort()]));
}

async function stored(db: Db): Promise<Record<string, string[]>> {
  const figures: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = (await db.prepare(`SELECT * FROM ${table}`).raw().all()) as (string | number)[][];
    figures[table] = rows.filter((row) => row.at(-1) !== 0).map((row) => `${row.slice(0, -1).join('|')}=${row.at(-1)}`).sort();
  }
  return figures;
}

/** Customers with facts, memberships and a stage path, written straight into the tables (as an install before 0028 holds them). */
function storeRaw(sqlite: Database.Database, random: () => number, count: number): void {
  for (let i = 0; i < count; i += 1) {
    const id = `c${i}`;
    const moves = Array.from({ length: Math.floor(random() * 5) }, () => at(random)).sort();
    const path = moves.map((time, n) => ({ time, stage: STAGES[(n + Math.floor(random() * 2)) % STAGES.length]! }));
    sqlite.prepare('INSERT INTO customers (id, lifecycle_stage) VALUES (?, ?)').run(id, path.at(-1)?.stage ?? null);
    if (random() < 0.9) sqlite.prepare('INSERT INTO customer_facts (customer_id, first_seen_at, channel) VALUES (?, ?, ?)').run(id, moves[0] ?? at(random), CHANNELS[Math.floor(random() * 3)]!);
    for (const segment of SEGMENTS) if (random() < 0.4) sqlite.prepare('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?)').run(segment, id, at(random));
    path.forEach((move, n) =>
      sqlite
        .prepare('INSERT INTO stage_history (customer_id, from_stage, to_stage, cause, at, left_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, path[n - 1]?.stage ?? null, move.stage, 'test', move.time, path[n + 1]?.time ?? null),
    );
  }
}

describe('migration 0028 (stage rollups keyed by segment and channel)', () => {
  // An upgrade of a SQLite install through SQLite's migrations (a Postgres install starts with every migration applied).
  it.skipIf(onPostgres())('fills every keyed rollup from the rows already stored', async () => {
    const scratch = tempDirectory('0028');
    const { before, later } = migrationsBefore(TAG, scratch.dir);
    const sqlite = new Database(scratch.file('old.db'));
    migrateSqlite(sqlite, before);
    sqlite.transaction(() => storeRaw(sqlite, seededRandom(28), 300))();
    expect(migrateSqlite(sqlite, MIGRATIONS).applied).toBe(later);
    sqlite.close();
    // Read back through the app database (the file is migrated already: opening it applies nothing).
    const db = openTestDatabase(scratch.file('old.db'));
    const figures = await stored(db);
    expect(figures.stage_moves_keyed!.length).toBeGreaterThan(50);
    expect(figures).toEqual(await expected(db));
    await db.close();
    scratch.remove();
  }, 300_000);

  it('keeps them equal to their definition through stage moves, joins and leaves, channel and first-seen changes, merges and deletions', async () => {
    const db = openTestDatabase(':memory:');
    await randomStageHistory(db, seededRandom(11), { stages: STAGES, customers: 120, steps: 1000 });
    const figures = await stored(db);
    expect(figures.stage_stays_ended_keyed!.length).toBeGreaterThan(50);
    expect(figures).toEqual(await expected(db));
    await db.close();
  }, 300_000);
});
