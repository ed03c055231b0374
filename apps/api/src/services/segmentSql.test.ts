import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, upsertCustomer, type Db } from '@lifecycle/db';
import type { SegmentRule } from '@lifecycle/journey';
import { previewSegment } from './segmentMembership';

let db: Db;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-segsql-'));
  db = openDatabase(join(dir, 'x.db'));
  upsertCustomer(db, 'a', { age: 30, plan: 'Pro', vip: true, address: { city: 'Paris' } });
  upsertCustomer(db, 'b', { age: '41', plan: 'free', vip: false });
  upsertCustomer(db, 'c', { "it's": 'quoted' });
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const matching = (rule: SegmentRule) => previewSegment(db, { match: 'all', conditions: [rule] }).sample.map((row) => row.id);

describe('segment trait conditions in SQL, as a marketer reads them', () => {
  it('compares numbers written as text and booleans, like journey conditions do', () => {
    expect(matching({ kind: 'trait', path: 'age', op: 'eq', value: '30' })).toEqual(['a']);
    expect(matching({ kind: 'trait', path: 'age', op: 'gt', value: 35 })).toEqual(['b']);
    expect(matching({ kind: 'trait', path: 'vip', op: 'eq', value: true })).toEqual(['a']);
    expect(matching({ kind: 'trait', path: 'address.city', op: 'eq', value: 'Paris' })).toEqual(['a']);
  });

  it('treats a missing trait as not equal and not containing, and matches case-insensitive contains', () => {
    expect(matching({ kind: 'trait', path: 'plan', op: 'neq', value: 'free' })).toEqual(['a', 'c']);
    expect(matching({ kind: 'trait', path: 'plan', op: 'contains', value: 'pro' })).toEqual(['a']);
    expect(matching({ kind: 'trait', path: 'plan', op: 'not_exists' })).toEqual(['c']);
  });

  it('reads trait names with quotes, which cannot break out of the JSON path', () => {
    expect(matching({ kind: 'trait', path: "it's", op: 'exists' })).toEqual(['c']);
    expect(() => matching({ kind: 'trait', path: `x') or 1=1 --`, op: 'exists' })).not.toThrow();
    expect(matching({ kind: 'trait', path: `x') or 1=1 --`, op: 'exists' })).toEqual([]);
  });
});
