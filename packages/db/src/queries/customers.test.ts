import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../client';
import { findCustomer, upsertCustomer } from './customers';
import { addAlias } from './lifecycle';

describe('findCustomer', () => {
  it('follows an anonymous id to the customer it was merged into, so a run started anonymously still finds them', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'lifecycle-db-')), 'lifecycle.db'));
    upsertCustomer(db, 'ada', { email: 'ada@example.com' });
    expect(findCustomer(db, 'anon:device-1')).toBeUndefined();
    addAlias(db, 'anon:device-1', 'ada');
    expect(findCustomer(db, 'anon:device-1')?.email).toBe('ada@example.com');
    expect(findCustomer(db, 'ada')?.id).toBe('ada');
  });
});
