import { writePgMigration } from './pgMigrationFiles';

/**
 * `pnpm --filter @lifecycle/db pg:generate <name> [--custom]`: after a change to the drizzle schema, writes the Postgres
 * migration that carries it (the SQLite one is written by hand in migrations/, as before); `--custom` starts an empty
 * hand-written one for a view or trigger function.
 */
const [name, flag] = process.argv.slice(2);
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: pg:generate <name: lower_snake_case> [--custom]');
  process.exit(2);
}
const tag = await writePgMigration(name, flag === '--custom');
console.log(tag === undefined ? 'the Postgres migrations are current with the schema: nothing written' : `wrote migrations-pg/${tag}.sql`);
