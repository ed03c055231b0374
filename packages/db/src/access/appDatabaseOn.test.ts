import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../client';
import { customers } from '../schema';
import { tempDirectory } from '../testing/tempDatabase';
import { writeTransaction } from '../writeTransaction';
import { appDatabaseOn } from './openSqliteApp';

const scratch = tempDirectory('app-database-on');
let db: Db;
let made = 0;
beforeEach(() => {
  db = openDatabase(scratch.file(`shared-${++made}.db`));
});
afterEach(() => {
  db.$client.close();
});
afterAll(() => scratch.remove());

const syncIds = () => db.select({ id: customers.id }).from(customers).orderBy(customers.id).all().map((row) => row.id);

describe('the asynchronous access on a synchronous handle’s connection (while query functions move over)', () => {
  it('is one handle per database, and each side sees the other’s writes at once', async () => {
    const app = appDatabaseOn(db);
    expect(appDatabaseOn(db)).toBe(app);
    await app.insert(customers).values({ id: 'ann', traits: {} });
    expect(syncIds()).toEqual(['ann']);
    db.insert(customers).values({ id: 'bob', traits: {} }).run();
    expect((await app.select({ id: customers.id }).from(customers).orderBy(customers.id)).map((row) => row.id)).toEqual(['ann', 'bob']);
  });

  it('takes a not-yet-moved synchronous transaction inside its own as a savepoint, and rolls both back together', async () => {
    const app = appDatabaseOn(db);
    await expect(
      app.transaction(async () => {
        await app.insert(customers).values({ id: 'ann', traits: {} });
        writeTransaction(db, () => db.insert(customers).values({ id: 'bob', traits: {} }).run());
        expect(syncIds()).toEqual(['ann', 'bob']);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(syncIds()).toEqual([]);
    await app.transaction(async () => {
      await app.update(customers).set({ email: 'x@example.com' }).where(eq(customers.id, 'nobody'));
      writeTransaction(db, () => db.insert(customers).values({ id: 'cy', traits: {} }).run());
    });
    expect(syncIds()).toEqual(['cy']);
  });
});
