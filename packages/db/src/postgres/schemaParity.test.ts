import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteFile } from '../client';
import { startPostgresCluster, type PostgresCluster } from '../testing/postgresCluster';
import { postgresSchemaShape, sqliteSchemaShape, type SchemaShape } from '../testing/schemaShape';
import { openPostgres } from './openPostgres';
import { pendingPgSchemaStatements } from './pgMigrationFiles';

describe('the Postgres schema is the SQLite schema', () => {
  let cluster: PostgresCluster;
  let sqlite: SchemaShape;
  let postgres: SchemaShape;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const db = await openPostgres(await cluster.createDatabase('parity'));
    postgres = await postgresSchemaShape(db.$client);
    await db.$client.end();
    const file = openSqliteFile(':memory:');
    sqlite = sqliteSchemaShape(file.$client);
    file.$client.close();
  });

  afterAll(() => cluster.stop());

  it('has the same tables with the same columns, nullability and primary keys', () => {
    expect(Object.keys(sqlite.columns).length).toBeGreaterThan(100);
    expect(postgres.columns).toEqual(sqlite.columns);
    expect(postgres.primaryKeys).toEqual(sqlite.primaryKeys);
  });

  it('has the same indexes on the same columns', () => {
    expect(postgres.indexes).toEqual(sqlite.indexes);
  });

  it('has the same views and the same triggers keeping the rollups', () => {
    expect(postgres.views).toEqual(sqlite.views);
    expect(postgres.triggers).toEqual(sqlite.triggers);
  });

  it('has a Postgres migration for every change to the drizzle schema (pnpm --filter @lifecycle/db pg:generate <name>)', async () => {
    expect(await pendingPgSchemaStatements()).toEqual([]);
  });
});
