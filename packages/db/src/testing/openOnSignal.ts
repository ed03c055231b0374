// A child process for the concurrent-migration test: it loads everything first, then for each line `<file>` on stdin
// opens that database (migrating it) and answers one JSON line, so several processes can open one file at one moment.
import { createInterface } from 'node:readline';
import { openSqliteFile } from '../client';

process.stdout.write('ready\n');
for await (const file of createInterface({ input: process.stdin })) {
  try {
    const db = openSqliteFile(file);
    const tables = db.$client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    db.$client.close();
    process.stdout.write(`${JSON.stringify({ ok: true, tables: tables.n })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: (error as Error).message })}\n`);
  }
}
