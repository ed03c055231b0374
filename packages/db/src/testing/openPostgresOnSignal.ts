// A child process for the concurrent Postgres migration test: it loads everything first, then for each line `<url>` on
// stdin opens that database (migrating it) and answers one JSON line, so several processes can migrate one database at
// one moment. MIGRATOR=drizzle uses drizzle's own migrator instead (to show the race the advisory lock closes).
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { openPostgres } from '../postgres/openPostgres';
import { pgMigrationsFolder } from '../postgres/pgMigrationsFolder';

async function open(url: string): Promise<pg.Pool> {
  if (process.env.MIGRATOR !== 'drizzle') return (await openPostgres(url, { maxConnections: 2 })).$client;
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  await migrate(drizzle(pool), { migrationsFolder: pgMigrationsFolder });
  return pool;
}

process.stdout.write('ready\n');
for await (const url of createInterface({ input: process.stdin })) {
  try {
    const pool = await open(url);
    const tables = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    await pool.end();
    process.stdout.write(`${JSON.stringify({ ok: true, tables: tables.rows[0]?.n })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: (error as Error).message })}\n`);
  }
}
