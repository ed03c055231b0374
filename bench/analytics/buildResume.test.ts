import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase, rollupMigrations } from '@lifecycle/db';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../../tests/support/processes';

// The bench's build at its smallest (100 customers, 2k events, 500 deliveries, each phase in 20 chunks), as a child process like a person runs it.
const SCALE = '0.0001';
const SEED = '7';
// A fixed end instant: two builds of one seed then store the same rows, timestamps included.
const NOW = '2026-11-30T12:00:00.000Z';

type Build = { output: string; code: number | null; signal: NodeJS.Signals | null };

/** Runs a build into `dir`; when `killAfter` matches a line it printed, kills it there (SIGKILL: nothing gets to clean up). */
function build(dir: string, options: { killAfter?: RegExp; extra?: string[] } = {}): Promise<Build> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/analytics.ts', '--scale', SCALE, '--seed', SEED, '--now', NOW, '--dir', dir, '--no-routes', '--no-ingest', ...(options.extra ?? [])], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    if (options.killAfter?.test(output) && child.exitCode === null && !child.killed) child.kill('SIGKILL');
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ output, code, signal }));
  });
}

/**
 * A rollup table's figures: its rows, less those whose every count or sum is 0 (a trigger takes a count down to 0 and
 * leaves the row; a backfill never writes one; the routes read both alike), sums rounded to a millionth.
 */
async function figures(db: ReturnType<typeof openDatabase>, table: string): Promise<string> {
  const columns = await db.prepare(`SELECT name, type, pk FROM pragma_table_info(?)`).all<{ name: string; type: string; pk: number }>(table);
  const measures = columns.filter((column) => column.pk === 0 && /^(integer|real)$/i.test(column.type)).map((column) => column.name);
  // Sums of money to a millionth (a trigger adds amounts one by one, a backfill sums them in another order), so a sum
  // that went back to 0 by adding and taking off amounts (-1e-14) reads as 0 too.
  const rounded = (value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(6)) + 0 : value);
  const rows = (await db.prepare(`SELECT * FROM "${table}"`).all())
    .filter((row) => measures.length === 0 || measures.some((name) => rounded(row[name]) !== 0))
    .map((row) => JSON.stringify(row, (_key, value: unknown) => rounded(value)))
    .sort();
  return `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16)}`;
}

/** Row counts of every other table, and the figures of every trigger-kept rollup table (what the routes read). */
async function contents(dir: string): Promise<{ counts: Record<string, number>; rollups: Record<string, string> }> {
  const db = openDatabase(join(dir, `analytics-scale${SCALE}.db`));
  try {
    const rollupTables = rollupMigrations().flatMap((migration) => migration.tables);
    const tables = (await db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'bench_build' ORDER BY name`).pluck().all<string>()).filter(
      (table) => !rollupTables.includes(table),
    );
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = (await db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get()) as number;
    const rollups: Record<string, string> = {};
    for (const table of rollupTables) rollups[table] = await figures(db, table);
    return { counts, rollups };
  } finally {
    await db.close();
  }
}

describe('bench/analytics.ts build', () => {
  it('killed twice (mid customers, mid runs) and resumed ends with the same rows and rollups as an uninterrupted build, and as one with every trigger live', { timeout: 600_000 }, async () => {
    const whole = tempDir('lifecycle-bench-build-whole-');
    const done = await build(whole);
    expect(done.code, done.output).toBe(0);

    const killed = tempDir('lifecycle-bench-build-killed-');
    const first = await build(killed, { killAfter: /customers: chunk 1 of \d+ committed/ });
    expect(first.signal).toBe('SIGKILL');
    const second = await build(killed, { killAfter: /runs: chunk 1 of \d+ committed/ });
    expect(second.output).toMatch(/resuming .* \(built so far: customers chunk \d+/);
    expect(second.signal).toBe('SIGKILL');
    const third = await build(killed, { extra: ['--resume'] });
    expect(third.output).toMatch(/resuming .* \(built so far: customers chunk \d+.*runs chunk \d+/);
    expect(third.code, third.output).toBe(0);

    const expected = await contents(whole);
    expect(expected.counts.customers).toBe(100);
    expect(expected.counts.deliveries).toBeGreaterThanOrEqual(500);
    expect(expected.rollups.stage_now_keyed).not.toMatch(/^0:/);
    expect(await contents(killed)).toEqual(expected);

    // The rollups filled at the end by their migrations' backfill equal those the triggers keep row by row.
    const live = tempDir('lifecycle-bench-build-live-');
    const slow = await build(live, { extra: ['--live-rollups'] });
    expect(slow.code, slow.output).toBe(0);
    expect(await contents(live)).toEqual(expected);

    // A finished file is timed, not built again; --resume on it says there is nothing to resume.
    const again = await build(whole, { extra: ['--resume'] });
    expect(again.output).toMatch(/--resume: .* holds no stopped build \(it is finished\)/);
  });
});
