import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sqliteAppOver } from '../access/openSqliteApp';
import { type Db } from '../client';
import { migrateSqlite } from '../migrateSqlite';
import { MIGRATIONS, migrationsBefore } from '../testing/migrationsBefore';
import { deleteCustomerRows, mergeCustomerRows } from '../queries/customerProfile';
import { changeStage } from '../queries/lifecycle';
import { customerFilter } from './customerFacts';
import { forgetCustomerHealth } from './healthRescore';
import { healthAverageBy, healthBandsNow, healthBandsOverTime, healthTransitions } from './healthQueries';
import { seededRandom } from '../../../../scripts/demoData/random';
import { onPostgres, openTestDatabase } from '../testing/testDatabase';

const TAG = '0041_health_keyed_rollups';
const TABLES = ['health_now_keyed', 'health_member_keyed', 'health_moves_keyed'] as const;
const STAGES = ['lead', 'trial', 'customer', 'churned'];
const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['ads', 'news', null];
const bandOf = (score: number) => (score >= 70 ? 'healthy' : score >= 40 ? 'at_risk' : 'critical');

const at = (random: () => number) => new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 120 * 86_400_000)).toISOString();

/** What each rollup must hold, worked out in JS from the raw rows (zero rows left out). */
async function expected(db: Db): Promise<Record<string, string[]>> {
  const stages = new Map((await db.prepare('SELECT id, lifecycle_stage AS stage FROM customers').all<{ id: string; stage: string | null }>()).map((c) => [c.id, c.stage ?? '']));
  const channels = new Map((await db.prepare('SELECT customer_id AS id, channel FROM customer_facts').all<{ id: string; channel: string | null }>()).map((f) => [f.id, f.channel]));
  const members = await db.prepare('SELECT segment_id AS segment, customer_id AS id FROM segment_memberships').all<{ segment: string; id: string }>();
  const current = await db.prepare('SELECT customer_id AS id, score, band FROM customer_health').all<{ id: string; score: number; band: string }>();
  const moves = await db.prepare('SELECT customer_id AS id, from_band AS "from", band AS "to", at FROM health_history WHERE band IS DISTINCT FROM from_band').all<{ id: string; from: string | null; to: string; at: string }>();
  const segmentsOf = (id: string) => members.filter((m) => m.id === id).map((m) => m.segment);
  const keysOf = (id: string): string[] => {
    const channel = channels.get(id) ?? null;
    const segments = segmentsOf(id);
    return ['|', ...(channel ? [`|${channel}`] : []), ...segments.map((s) => `${s}|`), ...(channel ? segments.map((s) => `${s}|${channel}`) : [])];
  };
  const tables: Record<string, Map<string, number[]>> = Object.fromEntries(TABLES.map((table) => [table, new Map()]));
  const add = (table: string, key: string, values: number[]) => {
    const sums = tables[table]!.get(key) ?? values.map(() => 0);
    tables[table]!.set(key, sums.map((sum, i) => sum + values[i]!));
  };
  for (const h of current)
    for (const k of keysOf(h.id)) {
      add('health_now_keyed', `${k}|${stages.get(h.id) ?? ''}|${h.band}`, [1, h.score]);
      for (const segment of segmentsOf(h.id)) add('health_member_keyed', `${k}|${segment}`, [1, h.score]);
    }
  for (const m of moves) for (const k of keysOf(m.id)) add('health_moves_keyed', `${k}|${m.at.slice(0, 10)}|${m.from ?? ''}|${m.to}`, [1]);
  return Object.fromEntries(TABLES.map((table) => [table, [...tables[table]!].filter(([, sums]) => sums[0] !== 0).map(([key, sums]) => `${key}=${sums.join(',')}`).sort()]));
}

async function stored(db: Db): Promise<Record<string, string[]>> {
  const figures: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = (await db.prepare(`SELECT * FROM ${table}`).raw().all()) as (string | number)[][];
    const width = table === 'health_moves_keyed' ? 1 : 2;
    figures[table] = rows.filter((row) => row.at(-width) !== 0).map((row) => `${row.slice(0, -width).join('|')}=${row.slice(-width).join(',')}`).sort();
  }
  return figures;
}

/** The figures as they were computed before the rollups: straight from the scores and the history, filtered per customer. */
const direct = {
  async bandsNow(db: Db, filter: Filter) {
    const rows = await db.rows<{ band: string; customers: number; total: number }>(sql`SELECT band, count(*) AS customers, sum(score) AS total FROM customer_health h WHERE ${customerFilter(sql`h.customer_id`, filter)} GROUP BY band`);
    const bands = { healthy: 0, at_risk: 0, critical: 0 } as Record<string, number>;
    for (const row of rows) bands[row.band] = row.customers;
    const customers = rows.reduce((sum, row) => sum + row.customers, 0);
    return { bands, averageScore: customers === 0 ? null : Math.round((10 * rows.reduce((sum, row) => sum + row.total, 0)) / customers) / 10 };
  },
  /** Customers per band at the end of each day through `last`, replaying every band move of the filtered customers. */
  async bandsByDay(db: Db, filter: Filter, days: string[]) {
    const moves = await db.rows<{ day: string; band: string; from: string | null }>(sql`SELECT substr(at, 1, 10) AS day, band, from_band AS "from" FROM health_history h WHERE band IS DISTINCT FROM from_band AND ${customerFilter(sql`h.customer_id`, filter)}`);
    return days.map((day) => {
      const bands = { healthy: 0, at_risk: 0, critical: 0 } as Record<string, number>;
      for (const move of moves.filter((m) => m.day <= day)) {
        bands[move.band]! += 1;
        if (move.from !== null) bands[move.from]! -= 1;
      }
      return { period: day, bands };
    });
  },
  async transitions(db: Db, range: Filter & { from: string; to: string }) {
    return await db.rows(sql`
      SELECT from_band AS "from", band AS "to", count(*) AS transitions FROM health_history h
      WHERE band IS DISTINCT FROM from_band AND at >= ${range.from} AND at < ${range.to} AND from_band IS NOT NULL AND ${customerFilter(sql`h.customer_id`, range)}
      GROUP BY from_band, band ORDER BY transitions DESC, from_band, band`);
  },
  async averageBy(db: Db, dimension: 'stage' | 'channel' | 'segment', filter: Filter) {
    const where = customerFilter(sql`h.customer_id`, filter);
    const grouped = {
      stage: sql`SELECT coalesce(c.lifecycle_stage, '(none)') AS key, count(*) AS customers, avg(h.score) AS average FROM customer_health h JOIN customers c ON c.id = h.customer_id WHERE ${where} GROUP BY 1`,
      channel: sql`SELECT coalesce(f.channel, '(none)') AS key, count(*) AS customers, avg(h.score) AS average FROM customer_health h LEFT JOIN customer_facts f ON f.customer_id = h.customer_id WHERE ${where} GROUP BY 1`,
      segment: sql`SELECT s.name AS key, count(*) AS customers, avg(h.score) AS average FROM customer_health h JOIN segment_memberships m ON m.customer_id = h.customer_id JOIN segments s ON s.id = m.segment_id WHERE ${where} GROUP BY s.id`,
    }[dimension];
    return (await db.rows<{ key: string; customers: number; average: number }>(sql`${grouped} ORDER BY customers DESC, key`))
      .map((row) => ({ key: row.key, customers: row.customers, averageScore: Math.round(row.average * 10) / 10 }));
  },
};
type Filter = { segmentId: string | null; channel: string | null };

/** Every figure, rollup-backed and direct, for every filter (each segment and channel, both, and ones nobody is in). */
async function compareFigures(db: Db): Promise<number> {
  const filters: Filter[] = [];
  for (const segmentId of [null, ...SEGMENTS, 'seg_none']) for (const channel of [null, 'ads', 'news', 'nowhere']) filters.push({ segmentId, channel });
  const days = Array.from({ length: 130 }, (_, i) => new Date(Date.UTC(2025, 11, 28) + i * 86_400_000).toISOString().slice(0, 10));
  const now = new Date(`${days.at(-1)!}T12:00:00.000Z`);
  let compared = 0;
  for (const filter of filters) {
    expect(await healthBandsNow(db, filter), JSON.stringify(filter)).toEqual(await direct.bandsNow(db, filter));
    const range = { ...filter, from: `${days[0]!}T00:00:00.000Z`, to: new Date(Date.parse(`${days.at(-1)!}T00:00:00.000Z`) + 86_400_000).toISOString(), interval: 'day' as const };
    expect(await healthBandsOverTime(db, range, now)).toEqual(await direct.bandsByDay(db, filter, days));
    for (const [from, to] of [[days[0]!, days.at(-1)!], ['2026-02-01', '2026-03-15']] as const) {
      const window = { ...filter, from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z`, interval: 'week' as const };
      expect(await healthTransitions(db, window)).toEqual(await direct.transitions(db, window));
    }
    for (const dimension of ['stage', 'channel', 'segment'] as const) expect(await healthAverageBy(db, dimension, filter), `${dimension} ${JSON.stringify(filter)}`).toEqual(await direct.averageBy(db, dimension, filter));
    compared += 1;
  }
  return compared;
}

/** The migration's backfill statements (its INSERT … SELECT), to run again on a live database. */
function backfillStatements(): string[] {
  const text = readFileSync(join(MIGRATIONS, `${TAG}.sql`), 'utf8');
  return text
    .split('--> statement-breakpoint')
    .map((part) => part.split('\n').filter((line) => !line.trimStart().startsWith('--')).join('\n').trim())
    .filter((statement) => statement.startsWith('INSERT OR REPLACE INTO'));
}

/** A rescore as the write side stores it: the current row upserted, a history row with the band before. */
async function rescore(db: Db, customerId: string, score: number, time: string): Promise<void> {
  const before = await db.prepare('SELECT score, band FROM customer_health WHERE customer_id = ?').get<{ score: number; band: string }>(customerId);
  const band = bandOf(score);
  if (before && before.score === score) return;
  await db
    .prepare(`INSERT INTO customer_health (customer_id, score, band, computed_at) VALUES (?, ?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET score = excluded.score, band = excluded.band, computed_at = excluded.computed_at`)
    .run(customerId, score, band, time);
  await db.prepare('INSERT INTO health_history (customer_id, score, band, from_band, at) VALUES (?, ?, ?, ?, ?)').run(customerId, score, band, before?.band ?? null, time);
}

/** Customers with facts, memberships, a stage and a score history, written straight into the tables (as an install before 0041 holds them). */
async function storeRaw(db: Db, random: () => number, count: number): Promise<void> {
  for (const segment of SEGMENTS) await db.prepare(`INSERT INTO segments (id, name, definition) VALUES (?, ?, '{}')`).run(segment, `Segment ${segment}`);
  for (let i = 0; i < count; i += 1) {
    const id = `c${i}`;
    await db.prepare('INSERT INTO customers (id, lifecycle_stage) VALUES (?, ?)').run(id, random() < 0.2 ? null : STAGES[Math.floor(random() * STAGES.length)]!);
    if (random() < 0.9) await db.prepare('INSERT INTO customer_facts (customer_id, first_seen_at, channel) VALUES (?, ?, ?)').run(id, at(random), CHANNELS[Math.floor(random() * 3)]!);
    for (const segment of SEGMENTS) if (random() < 0.4) await db.prepare('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?)').run(segment, id, at(random));
    const times = Array.from({ length: Math.floor(random() * 6) }, () => at(random)).sort();
    for (const time of times) await rescore(db, id, Math.floor(random() * 101), time);
  }
}

describe('migration 0041 (health rollups keyed by segment and channel)', () => {
  it('fills every keyed rollup from the scores and history already stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-0041-'));
    const { before, later } = migrationsBefore(TAG, dir);
    const sqlite = new Database(join(dir, 'old.db'));
    migrateSqlite(sqlite, before);
    const old = sqliteAppOver(sqlite);
    await old.transaction(async () => await storeRaw(old, seededRandom(41), 300));
    expect(migrateSqlite(sqlite, MIGRATIONS).applied).toBe(later);
    const figures = await stored(old);
    expect(figures.health_moves_keyed!.length).toBeGreaterThan(100);
    expect(figures.health_member_keyed!.length).toBeGreaterThan(20);
    expect(figures).toEqual(await expected(old));
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  it('keeps them equal to their definition — and every figure equal to the direct computation — through rescores, stage moves, joins and leaves, channel changes, merges and deletions', async () => {
    const db = openTestDatabase(':memory:');
    const random = seededRandom(17);
    const ids = Array.from({ length: 120 }, (_, i) => `c${i}`);
    const pick = () => ids[Math.floor(random() * ids.length)]!;
    for (const segment of SEGMENTS) await db.prepare(`INSERT INTO segments (id, name, definition) VALUES (?, ?, '{}')`).run(segment, `Segment ${segment}`);
    for (const id of ids) await db.prepare('INSERT INTO customers (id) VALUES (?)').run(id);
    const times = Array.from({ length: 1500 }, () => at(random)).sort();
    let compared = 0;
    for (const [step, time] of times.entries()) {
      const id = pick();
      const roll = random();
      if (roll < 0.4) {
        const current = await db.prepare('SELECT score FROM customer_health WHERE customer_id = ?').pluck().get<number>(id);
        await rescore(db, id, current === undefined ? Math.floor(random() * 101) : Math.max(0, Math.min(100, current + Math.floor(random() * 41) - 20)), time);
      } else if (roll < 0.5) await changeStage(db, { customerId: id, to: STAGES[Math.floor(random() * STAGES.length)]!, cause: 'test', at: time });
      else if (roll < 0.6) {
        // The per-event upsert: the first-touch channel is the earliest event's (here: set, moved or cleared).
        await db
          .prepare(`INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET channel = excluded.channel, channel_at = excluded.channel_at`)
          .run(id, time, CHANNELS[Math.floor(random() * 3)]!, time);
      } else if (roll < 0.7) await db.prepare('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(SEGMENTS[Math.floor(random() * 3)]!, id, time);
      else if (roll < 0.77) await db.prepare('DELETE FROM segment_memberships WHERE customer_id = ? AND segment_id = ?').run(id, SEGMENTS[Math.floor(random() * 3)]!);
      else if (roll < 0.8) {
        // A segment saved: set-based, as apps/api/src/services/segments.ts recomputes it.
        await db.prepare(`DELETE FROM segment_memberships WHERE segment_id = 'seg_c' AND customer_id NOT IN (SELECT id FROM customers WHERE lifecycle_stage = 'trial')`).run();
        await db.prepare(`INSERT INTO segment_memberships (segment_id, customer_id, entered_at) SELECT 'seg_c', id, ? FROM customers WHERE lifecycle_stage = 'trial' ON CONFLICT DO NOTHING`).run(time);
      } else if (roll < 0.83) {
        const [from, into] = [pick(), pick()];
        if (from !== into) {
          await mergeCustomerRows(db, from, into);
          await deleteCustomerRows(db, from, { keepHistory: true });
          ids.splice(ids.indexOf(from), 1);
        }
      } else if (roll < 0.85 && ids.length > 20) {
        await deleteCustomerRows(db, id);
        ids.splice(ids.indexOf(id), 1);
      } else if (roll < 0.87) await forgetCustomerHealth(db, id, { keepInputs: true });
      else if (roll < 0.88) {
        // A history row rewritten in place (no writer does this today; the rollups must hold anyway).
        await db.prepare(`UPDATE health_history SET at = ?, from_band = CASE WHEN from_band IS NULL THEN NULL ELSE 'critical' END WHERE id = (SELECT max(id) FROM health_history WHERE customer_id = ?)`).run(at(random), id);
      } else {
        const fresh = `n${Math.floor(random() * 1e9)}`;
        await db.prepare('INSERT INTO customers (id, lifecycle_stage) VALUES (?, ?)').run(fresh, random() < 0.5 ? null : 'lead');
        ids.push(fresh);
      }
      if (step % 500 === 499) compared += await compareFigures(db);
    }
    const figures = await stored(db);
    expect(figures.health_moves_keyed!.length).toBeGreaterThan(100);
    expect(figures).toEqual(await expected(db));
    expect(compared).toBeGreaterThan(0);

    // What the live triggers built equals what the migration's backfill builds from the same rows (SQLite's migration
    // text, INSERT OR REPLACE: a Postgres install starts with every migration applied).
    if (!onPostgres()) {
      await db.transaction(async () => {
        for (const table of TABLES) await db.prepare(`DELETE FROM ${table}`).run();
        for (const statement of backfillStatements()) await db.exec(statement);
      });
      expect(await stored(db)).toEqual(figures);
    }
    await db.close();
  }, 300_000);
});
