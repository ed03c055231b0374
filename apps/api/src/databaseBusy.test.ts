import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { customers, isTransientDatabaseError } from '@lifecycle/db';
import { testApp, type TestApp } from './testing/testApp';
import { onPostgres } from '@lifecycle/db/testing';

let t: TestApp | undefined;
let other: Database.Database | undefined;
afterEach(async () => {
  other?.close();
  await t?.close();
});

/** Another process's writer holding the file's write lock, and the app told not to wait for it. */
async function lockedByAnother(app: TestApp): Promise<Database.Database> {
  await app.ready;
  await app.db.exec('PRAGMA busy_timeout = 0');
  const writer = new Database(app.config.databasePath);
  writer.exec('BEGIN IMMEDIATE');
  return writer;
}

// SQLite only: SQLite's file lock and busy_timeout; Postgres waits on row locks instead.
describe.skipIf(onPostgres())('a database busy with another process’s write', () => {
  it('answers 503 with Retry-After, not 500, when a query-builder write finds the file locked', async () => {
    t = testApp();
    other = await lockedByAnother(t);
    // Every token-authenticated request stamps the token's last use with a builder update first.
    const busy = await t.send('GET', '/api/segments');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    other.exec('ROLLBACK');
    expect((await t.send('GET', '/api/segments')).status).toBe(200);
  });

  it('is a transient fault for the analytics applier when a query-builder query meets it (the chunk is retried, not set aside)', async () => {
    t = testApp();
    other = await lockedByAnother(t);
    const error = await t.db
      .update(customers)
      .set({ email: 'x@example.com' })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(isTransientDatabaseError(error)).toBe(true);
  });
});
