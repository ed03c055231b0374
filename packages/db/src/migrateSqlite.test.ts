import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteFile } from './client';

const childScript = fileURLToPath(new URL('./testing/openOnSignal.ts', import.meta.url));
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

describe('migrations when many processes start at once', () => {
  let dir: string;
  let children: Child[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lifecycle-migrate-'));
    // Loaded before the first round, so the rounds start them all at one moment instead of staggered by start-up.
    children = await Promise.all(Array.from({ length: PROCESSES }, startChild));
  });

  afterAll(() => {
    for (const child of children) child.process.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${PROCESSES} processes opening one fresh database together all come up with the full schema, ${ROUNDS} times over`, async () => {
    const expectedTables = (() => {
      const db = openSqliteFile(join(dir, 'reference.db'));
      const { n } = db.$client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      db.$client.close();
      return n;
    })();
    for (let round = 0; round < ROUNDS; round++) {
      const file = join(dir, `fresh-${round}.db`);
      for (const child of children) child.process.stdin.write(`${file}\n`);
      const answers = await Promise.all(children.map(async (child) => JSON.parse((await child.lines.next()).value as string) as unknown));
      expect(answers, `round ${round}`).toEqual(Array.from({ length: PROCESSES }, () => ({ ok: true, tables: expectedTables })));
    }
  });

  it('a second open of a migrated database applies nothing and keeps its data', async () => {
    const file = join(dir, 'reopen.db');
    const count = (db: ReturnType<typeof openSqliteFile>, table: string) =>
      (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const first = openSqliteFile(file);
    first.$client.prepare("INSERT INTO customers (id) VALUES ('kept')").run();
    const applied = count(first, '__drizzle_migrations');
    first.$client.close();
    const second = openSqliteFile(file);
    expect(count(second, '__drizzle_migrations')).toBe(applied);
    expect(count(second, 'customers')).toBe(1);
    second.$client.close();
  });
});
