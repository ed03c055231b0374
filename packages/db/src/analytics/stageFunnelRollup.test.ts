import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../client';
import { migrateSqlite } from '../migrateSqlite';
import { MIGRATIONS, migrationsBefore } from '../testing/migrationsBefore';
import { deleteCustomerRows, mergeCustomerRows } from '../queries/customerProfile';
import { changeStage } from '../queries/lifecycle';
import { refreshStageFunnel } from './stageFunnelRollup';

const CONFIG = { stages: ['visitor', 'lead', 'trial', 'customer', 'lost', 'churned'], churnStages: ['lost', 'churned'] };
const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['ads', 'news', null];
const COPIED = ['customers', 'customer_facts', 'segment_memberships', 'stage_history', 'lifecycle_settings', 'analytics_settings'];

function seeded(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** Both funnel tables, rows with a zero count left out. */
function stored(sqlite: Database.Database): Record<string, string[]> {
  return Object.fromEntries(
    ['stage_funnel_reach', 'stage_funnel_keyed'].map((table) => {
      const rows = sqlite.prepare(`SELECT * FROM ${table}`).raw().all() as (string | number)[][];
      return [table, rows.filter((row) => row.at(-1) !== 0).map((row) => row.join('|')).sort()];
    }),
  );
}

const at = (random: () => number) => new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 120 * 86_400_000)).toISOString();

describe('migration 0036 (stage funnel walks)', () => {
  it('backfills from the stored rows exactly what the live triggers and refreshes built', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-0036-'));
    const db = openDatabase(join(dir, 'live.db'));
    const sqlite = db.$client;
    sqlite.prepare(`INSERT INTO lifecycle_settings (id, config) VALUES ('default', ?)`).run(JSON.stringify({ stages: CONFIG.stages, rules: [] }));
    sqlite.prepare(`INSERT INTO analytics_settings (id, config) VALUES ('default', ?)`).run(JSON.stringify({ churnStages: CONFIG.churnStages }));
    const random = seeded(36);
    const ids = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const pick = () => ids[Math.floor(random() * ids.length)]!;
    for (const id of ids) sqlite.prepare('INSERT INTO customers (id) VALUES (?)').run(id);
    const times = Array.from({ length: 1500 }, () => at(random)).sort();
    for (const time of times) {
      const id = pick();
      const roll = random();
      if (roll < 0.5) {
        // Now and then backfilled: a stage change with a time before the customer's latest.
        changeStage(db, { customerId: id, to: CONFIG.stages[Math.floor(random() * CONFIG.stages.length)]!, cause: 'test', at: random() < 0.1 ? at(random) : time });
      } else if (roll < 0.7) {
        const seen = random() < 0.3 ? at(random) : time;
        sqlite
          .prepare(
            `INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET
             first_seen_at = min(first_seen_at, excluded.first_seen_at), channel = excluded.channel, channel_at = excluded.channel_at`,
          )
          .run(id, seen, CHANNELS[Math.floor(random() * 3)]!, seen);
      } else if (roll < 0.8) sqlite.prepare('INSERT OR IGNORE INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?)').run(SEGMENTS[Math.floor(random() * 3)]!, id, time);
      else if (roll < 0.86) sqlite.prepare('DELETE FROM segment_memberships WHERE customer_id = ? AND segment_id = ?').run(id, SEGMENTS[Math.floor(random() * 3)]!);
      else if (roll < 0.89) {
        sqlite.prepare(`DELETE FROM segment_memberships WHERE segment_id = 'seg_c' AND customer_id NOT IN (SELECT id FROM customers WHERE lifecycle_stage = 'lead')`).run();
        sqlite.prepare(`INSERT INTO segment_memberships (segment_id, customer_id, entered_at) SELECT 'seg_c', id, ? FROM customers WHERE lifecycle_stage = 'lead' ON CONFLICT DO NOTHING`).run(time);
      } else if (roll < 0.91) {
        const [from, into] = [pick(), pick()];
        if (from !== into) {
          mergeCustomerRows(db, from, into);
          deleteCustomerRows(db, from, { keepHistory: true });
          ids.splice(ids.indexOf(from), 1);
        }
      } else if (roll < 0.93 && ids.length > 20) {
        deleteCustomerRows(db, id);
        ids.splice(ids.indexOf(id), 1);
      } else if (roll < 0.97) {
        const fresh = `n${Math.floor(random() * 1e9)}`;
        sqlite.prepare('INSERT INTO customers (id) VALUES (?)').run(fresh);
        ids.push(fresh);
      } else refreshStageFunnel(db, CONFIG);
    }
    refreshStageFunnel(db, CONFIG);
    const live = stored(sqlite);
    expect(live.stage_funnel_keyed!.filter((row) => !row.startsWith('||')).length).toBeGreaterThan(100);
    expect(live.stage_funnel_reach!.some((row) => row.split('|')[2] === 'lost')).toBe(true);
    sqlite.close();

    // The same rows in an install from before 0036, upgraded: the backfill reads the saved stage order and churn stages.
    const { before, later } = migrationsBefore('0036_stage_funnel_rollup', dir);
    const old = new Database(join(dir, 'old.db'));
    migrateSqlite(old, before);
    old.exec(`ATTACH '${join(dir, 'live.db')}' AS live`);
    for (const table of COPIED) {
      // The columns the older install has (later migrations add some to these tables).
      const columns = (old.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).join(', ');
      old.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM live.${table}`);
    }
    old.exec('DETACH live');
    expect(migrateSqlite(old, MIGRATIONS).applied).toBe(later);
    expect(stored(old)).toEqual(live);
    old.close();
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
