import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCustomers } from './customerProfile';
import { upsertCustomer } from './customers';
import { postgresJsonValue, sqliteJsonPath, sqliteJsonPathLiteral } from './jsonPath';
import { segmentPreviewRows } from './segmentRows';
import { openTestDatabase } from '../testing/testDatabase';

/** Characters that mean something to a JSON path, to SQL or to JSON, among ordinary ones. */
const ALPHABET = [...`ab_-Z09 ."'\\[]$*#=%@é\u0000\n\t`, '😀', '\u{10FFFF}'];

/** A deterministic stream of odd keys (a seeded LCG, so a failure names the key and reproduces). */
function oddKeys(count: number, seed = 7): string[] {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  return Array.from({ length: count }, () => Array.from({ length: next(8) }, () => ALPHABET[next(ALPHABET.length)]).join(''));
}

describe('sqliteJsonPath', () => {
  it('reads any key, however odd, and never makes a bad JSON path', async () => {
    const db = openTestDatabase(join(mkdtempSync(join(tmpdir(), 'lifecycle-db-')), 'lifecycle.db'));
    const keys = oddKeys(300).map((key) => key.replace(/\./g, ''));
    for (const [n, key] of keys.entries()) await upsertCustomer(db, `c${n}`, { [key]: { inner: `value ${n}` } });
    for (const [n, key] of keys.entries()) {
      const found = (await listCustomers(db, { traitKey: `${key}.inner`, traitValue: `value ${n}`, limit: 5 })).map((c) => c.id);
      expect(found, JSON.stringify(key)).toEqual([`c${n}`]);
      // SQLite answers the number; Postgres's json_extract (migrations-pg/0018) its text.
      const literal = await db.prepare(`select json_extract(?, ${sqliteJsonPathLiteral(`${key}.inner`)}) as v`).get<{ v: unknown }>(JSON.stringify({ [key]: { inner: 1 } }));
      expect(String(literal?.v), JSON.stringify(key)).toBe('1');
      const rule = { kind: 'trait', path: `${key}.inner`, op: 'eq', value: `value ${n}` } as const;
      const matched = (await segmentPreviewRows(db, { match: 'all', conditions: [rule] }, 5, new Date())).sample.map((c) => c.id);
      expect(matched, JSON.stringify(key)).toEqual([`c${n}`]);
    }
  });

  it('quotes each key of a dotted path', () => {
    expect(sqliteJsonPath('address.city')).toBe('$."address"."city"');
    expect(sqliteJsonPath('a\\')).toBe('$."a\\\\"');
  });
});

describe('postgresJsonValue', () => {
  it('tries the rest of the path as one key before going down its first key, each key a string literal', () => {
    expect(postgresJsonValue('c.traits', 'plan')).toBe(`c.traits -> 'plan'`);
    expect(postgresJsonValue('c.traits', "it's.a.b")).toBe(`coalesce(c.traits -> 'it''s.a.b', c.traits -> 'it''s' -> 'a.b', c.traits -> 'it''s' -> 'a' -> 'b')`);
    expect(postgresJsonValue('c.traits', 'a\u0000')).toBe('c.traits -> null::text');
  });
});
