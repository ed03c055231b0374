import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '../testing/postgresCluster';
import { migratePostgres } from './migratePostgres';
import { openPostgres } from './openPostgres';
import { pgMigrationsFolder } from './pgMigrationsFolder';

const childScript = fileURLToPath(new URL('../testing/openPostgresOnSignal.ts', import.meta.url));
const PROCESSES = 5;
const ROUNDS = 20;

type Child = { process: ChildProcessWithoutNullStreams; lines: AsyncIterator<string>; input: Interface };

async function startChild(): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], { stdio: ['pipe', 'pipe', 'pipe'] });
  const input = createInterface({ input: child.stdout });
  const lines = input[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== 'ready') throw new Error(`child did not start: ${String(first.value)}`);
  return { process: child, lines, input };
}

describe('Postgres migrations when many processes start at once', () => {
  let cluster: PostgresCluster;
  let children: Child[] = [];

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    // Loaded before the first round, so the rounds start them all at one moment instead of staggered by start-up.
    children = await Promise.all(Array.from({ length: PROCESSES }, startChild));
  });

  afterAll(() => {
    for (const child of children) child.process.kill();
    cluster.stop();
  });

  it(`${PROCESSES} processes migrating one fresh database together all come up with the full schema, ${ROUNDS} times over`, async () => {
    const reference = await openPostgres(await cluster.createDatabase('reference'));
    const expectedTables = (
      await reference.$client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      )
    ).rows[0]?.n;
    await reference.$client.end();
    expect(expectedTables).toBeGreaterThan(100);
    for (let round = 0; round < ROUNDS; round++) {
      const url = await cluster.createDatabase(`fresh_${round}`);
      for (const child of children) child.process.stdin.write(`${url}\n`);
      const answers = await Promise.all(children.map(async (child) => JSON.parse((await child.lines.next()).value as string) as unknown));
      expect(answers, `round ${round}`).toEqual(Array.from({ length: PROCESSES }, () => ({ ok: true, tables: expectedTables })));
    }
  });

  it.each([
    ['sorts text by a language (ICU en-US)', 'icu_sorted', `LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'`, /ICU locale/],
    ['folds non-ASCII letters in lower() (C.UTF-8)', 'utf8_folded', `LOCALE 'C.UTF-8'`, /collation C\.UTF-8 and character type C\.UTF-8/],
  ])('refuses a database that %s unlike SQLite, creating nothing', async (_what, name, locale, said) => {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ${locale}`);
    await admin.end();
    const url = cluster.url.replace(/\/[^/]+$/, `/${name}`);
    const refused = openPostgres(url);
    await expect(refused).rejects.toThrow(/must compare and fold text as SQLite does/);
    await expect(refused).rejects.toThrow(said);
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const tables = await check.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
    await check.end();
    expect(tables.rows).toEqual([{ n: 0 }]);
  });

  it('refuses to start when a migration older than the newest applied one was never applied (merged branches)', async () => {
    const url = await cluster.createDatabase('late_branch');
    await (await openPostgres(url)).$client.end();
    const folder = mkdtempSync(join(tmpdir(), 'lifecycle-pg-migrations-'));
    cpSync(pgMigrationsFolder, folder, { recursive: true });
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
    const first = journal.entries[0];
    if (!first) throw new Error('no migrations');
    // Another branch's migration, dated before this branch's newest but merged after it.
    journal.entries.push({ ...first, idx: journal.entries.length, when: first.when + 1, tag: 'late_branch' });
    writeFileSync(join(folder, 'late_branch.sql'), 'CREATE TABLE "late_branch" ("id" text);');
    writeFileSync(journalFile, JSON.stringify(journal));
    const pool = new pg.Pool({ connectionString: url });
    try {
      await expect(migratePostgres(pool, folder)).rejects.toThrow(/was never applied here, but a newer one was/);
    } finally {
      await pool.end();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a second open of a migrated database applies nothing and keeps its data', async () => {
    const url = await cluster.createDatabase('reopen');
    const count = async (db: Awaited<ReturnType<typeof openPostgres>>, table: string) =>
      (await db.$client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0]?.n;
    const first = await openPostgres(url);
    await first.$client.query(`INSERT INTO "customers" ("id") VALUES ('kept')`);
    const applied = await count(first, '__drizzle_migrations');
    await first.$client.end();
    const second = await openPostgres(url);
    expect(await count(second, '__drizzle_migrations')).toBe(applied);
    expect(await count(second, 'customers')).toBe(1);
    await second.$client.end();
  });
});
