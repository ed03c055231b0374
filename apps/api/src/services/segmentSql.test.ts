import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomer, type Db } from '@lifecycle/db';
import type { SegmentRule } from '@lifecycle/journey';
import { previewSegment } from './segmentMembership';
import { openTestDatabase } from '@lifecycle/db/testing';

let db: Db;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-segsql-'));
  db = openTestDatabase(join(dir, 'x.db'));
  await upsertCustomer(db, 'a', { age: 30, plan: 'Pro', vip: true, address: { city: 'Paris' } });
  await upsertCustomer(db, 'b', { age: '41', plan: 'free', vip: false });
  await upsertCustomer(db, 'c', { "it's": 'quoted' });
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const matching = async (rule: SegmentRule) => (await previewSegment(db, { match: 'all', conditions: [rule] })).sample.map((row) => row.id);

describe('segment trait conditions in SQL, as a marketer reads them', () => {
  it('compares numbers written as text and booleans, like journey conditions do', async () => {
    expect(await matching({ kind: 'trait', path: 'age', op: 'eq', value: '30' })).toEqual(['a']);
    expect(await matching({ kind: 'trait', path: 'age', op: 'gt', value: 35 })).toEqual(['b']);
    expect(await matching({ kind: 'trait', path: 'vip', op: 'eq', value: true })).toEqual(['a']);
    expect(await matching({ kind: 'trait', path: 'address.city', op: 'eq', value: 'Paris' })).toEqual(['a']);
  });

  it('treats a missing trait as not equal and not containing, and matches case-insensitive contains', async () => {
    expect(await matching({ kind: 'trait', path: 'plan', op: 'neq', value: 'free' })).toEqual(['a', 'c']);
    expect(await matching({ kind: 'trait', path: 'plan', op: 'contains', value: 'pro' })).toEqual(['a']);
    expect(await matching({ kind: 'trait', path: 'plan', op: 'not_exists' })).toEqual(['c']);
  });

  it('reads trait names with quotes, which cannot break out of the JSON path', async () => {
    expect(await matching({ kind: 'trait', path: "it's", op: 'exists' })).toEqual(['c']);
    await expect(matching({ kind: 'trait', path: `x') or 1=1 --`, op: 'exists' })).resolves.not.toThrow();
    expect(await matching({ kind: 'trait', path: `x') or 1=1 --`, op: 'exists' })).toEqual([]);
  });
});
