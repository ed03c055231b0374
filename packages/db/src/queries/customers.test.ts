import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCustomer, upsertCustomer } from './customers';
import { addAlias } from './lifecycle';
import { openTestDatabase } from '../testing/testDatabase';

describe('findCustomer', () => {
  it('follows an anonymous id to the customer it was merged into, so a run started anonymously still finds them', async () => {
    const db = openTestDatabase(join(mkdtempSync(join(tmpdir(), 'lifecycle-db-')), 'lifecycle.db'));
    await upsertCustomer(db, 'ada', { email: 'ada@example.com' });
    expect(await findCustomer(db, 'anon:device-1')).toBeUndefined();
    await addAlias(db, 'anon:device-1', 'ada');
    expect((await findCustomer(db, 'anon:device-1'))?.email).toBe('ada@example.com');
    expect((await findCustomer(db, 'ada'))?.id).toBe('ada');
  });
});
