import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteAppOver } from '../access/openSqliteApp';
import { type Db } from '../client';
import { migrateSqlite } from '../migrateSqlite';
import { MIGRATIONS, migrationsBefore } from '../testing/migrationsBefore';
import { tempDirectory } from '../testing/tempDatabase';
import { globalControlTotals } from './experimentsQueries';
import { globalControlHistory } from './globalControlRandomHistory';
import { globalControlAssignedCounts, globalControlDirectTotals, globalControlRollupTotals, type GlobalControlTotalsRow } from './globalControlTotals';
import { FILTERS } from './journeysRandomHistory';
import { onPostgres, openTestDatabase } from '../testing/testDatabase';

// The global control rollup of migration 0043 must give exactly the totals of the direct per-customer query, through a
// random history (assignments before and after first sight, revenue added, topped up and removed, segment and channel
// moves, first seen moved back, a group flipped, an assignment removed, a customer forgotten), for every filter and
// range; and the migration's backfill must build exactly what the triggers built.

let scratch: ReturnType<typeof tempDirectory>;
let dir: string;
let db: Db;
beforeEach(() => {
  scratch = tempDirectory('global-control');
  dir = scratch.dir;
  db = openTestDatabase(scratch.file('test.db'));
});
afterEach(async () => {
  await db.close();
  scratch.remove();
});

const RANGES = [
  { from: '2025-11-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' },
  { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
  { from: '2026-01-20T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
  { from: '2026-02-03T00:00:00.000Z', to: '2026-02-04T00:00:00.000Z' },
  { from: '2025-12-01T00:00:00.000Z', to: '2025-12-10T00:00:00.000Z' },
];

/** Rounded so sums taken in another order compare equal (revenue in cents, squares in cents²). */
function comparable(rows: GlobalControlTotalsRow[]) {
  return [...rows].sort((a, b) => a.inControl - b.inControl);
}

/** Equal counts, and money sums equal up to floating-point addition order (a relative 1e-9: rounding could split a tie). */
function expectSameTotals(actual: GlobalControlTotalsRow[], expected: GlobalControlTotalsRow[], message: string): void {
  const money = (rows: GlobalControlTotalsRow[]) => comparable(rows).map(({ revenue, revenueSquares }) => [revenue, revenueSquares]);
  const counts = (rows: GlobalControlTotalsRow[]) => comparable(rows).map(({ revenue: _revenue, revenueSquares: _squares, ...rest }) => rest);
  expect(counts(actual), message).toEqual(counts(expected));
  const [got, want] = [money(actual).flat(), money(expected).flat()];
  got.forEach((value, i) => expect(Math.abs(value - want[i]!), message).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want[i]!))));
}

/** How many customers are assigned, and how many of them are in the control group, counted from the assignments. */
async function globalControlAssignment(database: Db): Promise<{ assigned: number; inControl: number }> {
  const row = (await database.prepare('SELECT count(*) AS assigned, coalesce(sum(in_control), 0) AS inControl FROM global_control').get()) as { assigned: number; inControl: number };
  return { assigned: row.assigned, inControl: row.inControl };
}

/** The rollup as stored, without cells that went back to nothing. */
async function storedRollup() {
  return {
    firstSeen: await db.prepare('SELECT * FROM global_control_first_seen WHERE customers <> 0 ORDER BY 1, 2, 3').all(),
    cells: await db.prepare('SELECT filter_key, in_control, day, prev_day, customers, round(revenue, 2) AS revenue FROM global_control_revenue_cells WHERE customers <> 0 OR abs(revenue) > 0.001 ORDER BY 1, 2, 3, 4').all(),
    groups: await db.prepare('SELECT * FROM global_control_groups WHERE customers <> 0 ORDER BY 1').all(),
    products: await db.prepare('SELECT filter_key, in_control, day, later_day, round(product, 2) AS product FROM global_control_revenue_products WHERE abs(product) > 0.001 ORDER BY 1, 2, 3, 4').all(),
  };
}

describe('global control totals from the rollup (migration 0043)', () => {
  for (const seed of [21, 22, 23, 24, 25]) {
    it(`equal the direct per-customer computation for every filter and range (seed ${seed})`, async () => {
      await globalControlHistory(db, seed);
      const control = await db.prepare("SELECT count(*) FROM global_control_revenue_cells WHERE filter_key LIKE 's:%|c:%' AND in_control = 1 AND customers > 0").pluck().get();
      expect(control).toBeGreaterThan(0);
      for (const range of RANGES) {
        for (const customers of FILTERS) {
          const filter = { ...range, ...customers };
          expectSameTotals(await globalControlRollupTotals(db, filter), await globalControlDirectTotals(db, filter), JSON.stringify(filter));
        }
      }
      expect(await globalControlAssignedCounts(db)).toEqual(await globalControlAssignment(db));
      // The whole-range figures have customers who bought on several days (the products off the diagonal count).
      const everyone = comparable(await globalControlDirectTotals(db, { ...RANGES[0]!, segmentId: null, channel: null }));
      expect(everyone.some((row) => row.converted > 0 && row.revenueSquares > 0)).toBe(true);
    });
  }

  it('are computed from the customers directly for a range that does not end on a whole day', async () => {
    await globalControlHistory(db, 26);
    const filter = { from: '2026-01-10T12:00:00.000Z', to: '2026-02-03T06:30:00.000Z', segmentId: 'seg_a', channel: null };
    expect(await globalControlTotals(db, filter)).toEqual((await globalControlDirectTotals(db, filter)).map((row) => ({ ...row, inControl: row.inControl === 1 })));
  });

  // SQLite's migration text (backticks, INSERT OR IGNORE): a Postgres install starts with every migration applied.
  it.skipIf(onPostgres())('are rebuilt by the migration’s backfill exactly as the triggers built them', async () => {
    await globalControlHistory(db, 27);
    const built = await storedRollup();
    expect(built.products.length).toBeGreaterThan(50);
    await db.exec('DELETE FROM global_control_first_seen; DELETE FROM global_control_revenue_cells; DELETE FROM global_control_revenue_products; DELETE FROM global_control_groups;');
    const migration = readFileSync(new URL('../../migrations/0043_global_control_rollup.sql', import.meta.url), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) if (statement.trim().replace(/^(--.*\n)*/, '').startsWith('INSERT')) await db.exec(statement);
    expect(await storedRollup()).toEqual(built);
  });

  // An upgrade of a SQLite install through SQLite's migrations (a Postgres install starts with every migration applied).
  it.skipIf(onPostgres())('are filled when an install from before 0043 upgrades', async () => {
    const { before, later } = migrationsBefore('0043_global_control_rollup', dir);
    const old = new Database(join(dir, 'old.db'));
    migrateSqlite(old, before);
    // The history is written before the upgrade, through an install without the rollup's triggers.
    await globalControlHistory(sqliteAppOver(old), 28);
    expect(migrateSqlite(old, MIGRATIONS).applied).toBe(later);
    old.close();
    await db.close();
    db = openTestDatabase(join(dir, 'old.db'));
    expect((await storedRollup()).products.length).toBeGreaterThan(50);
    expect(await globalControlAssignedCounts(db)).toEqual(await globalControlAssignment(db));
    for (const customers of FILTERS) {
      const filter = { ...RANGES[0]!, ...customers };
      expectSameTotals(await globalControlRollupTotals(db, filter), await globalControlDirectTotals(db, filter), JSON.stringify(filter));
    }
  }, 600_000);
});
