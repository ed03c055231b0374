import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../access/appDatabase';
import { openPostgresApp } from '../access/openPostgresApp';
import { openDatabase } from '../client';
import { startPostgresCluster, type PostgresCluster } from '../testing/postgresCluster';

/**
 * SQLite's functions that the query text uses answer alike on Postgres (migrations-pg 0018): each expression runs on
 * both backends and the answers are compared. JSON objects and arrays compare parsed (Postgres spaces its JSON text),
 * numbers from JSON as text (a function has one return type on Postgres).
 */
const EXPRESSIONS: { name: string; text: string; params?: unknown[]; json?: boolean }[] = [
  { name: 'the default timestamp format of a time', text: `strftime('%Y-%m-%dT%H:%M:%fZ', '2026-03-04T05:06:07.089Z')` },
  { name: 'a time with an offset, in UTC', text: `strftime('%Y-%m-%dT%H:%M:%fZ', '2026-03-04T05:06:07.089+02:00')` },
  { name: 'a bare date at midnight UTC', text: `strftime('%Y-%m-%dT%H:%M:%fZ', '2026-03-04')` },
  { name: 'the weekday of a Sunday', text: `strftime('%w', '2026-03-01')` },
  { name: 'seconds since 1970', text: `strftime('%s', '2026-03-04T05:06:07Z')` },
  { name: 'a time from seconds since 1970', text: `strftime('%Y-%m-%dT%H:%M:%fZ', 1780000000.5, 'unixepoch')` },
  { name: 'a day plus days', text: `date('2026-03-31', '+1 days')` },
  { name: 'the day of a time', text: `date('2026-03-31T23:30:00.000Z')` },
  { name: 'a day minus a computed count of days', text: `date('2026-03-04T10:00:00.000Z', '-' || ((cast(strftime('%w', '2026-03-04') AS integer) + 6) % 7) || ' days')` },
  { name: 'the start of a month', text: `date('2026-01-15T12:00:00Z', 'start of month')` },
  { name: 'hours added across midnight', text: `datetime('2026-01-15T22:30:00Z', '+3 hours')` },
  { name: 'what is not a time', text: `date('not a time', '+1 days')` },
  { name: 'julian days one hour apart, to the bit', text: `julianday('2026-03-04T05:06:07.089Z') - julianday('2026-03-04T04:06:07.089Z')` },
  { name: 'a julian day', text: `julianday('2026-03-04T05:06:07.089Z')` },
  { name: 'a value at a quoted path', text: `json_extract(?, '$."a"."b c"')`, params: ['{"a":{"b c":"x"}}'] },
  { name: 'a key with a dot and a quote', text: `json_extract(?, ?)`, params: ['{"a.\\"b":"y"}', '$."a.\\"b"'] },
  { name: 'a value at a bare path and an index', text: `json_extract(?, '$.list[1].v')`, params: ['{"list":[{"v":1},{"v":"two"}]}'] },
  { name: 'a missing value', text: `json_extract(?, '$.nothing')`, params: ['{"a":1}'] },
  { name: 'a key of digits is no index into a list', text: `json_extract(?, '$.tags.0')`, params: ['{"tags":["a","b"]}'] },
  { name: 'a quoted key of digits is no index into a list', text: `json_extract(?, '$."tags"."1"')`, params: ['{"tags":["a","b"]}'] },
  { name: 'a key of digits in an object', text: `json_extract(?, '$.o.0.v')`, params: ['{"o":{"0":{"v":"zero"}}}'] },
  { name: 'an index into a list after a key of digits', text: `json_extract(?, '$."7"[1]')`, params: ['{"7":["a","b"]}'] },
  { name: 'an index is no key of an object', text: `json_extract(?, '$.o[0]')`, params: ['{"o":{"0":"zero"}}'] },
  { name: 'the JSON type at a key of digits in a list', text: `json_type(?, '$.tags.0')`, params: ['{"tags":["a"]}'] },
  { name: 'true as 1', text: `json_extract(?, '$.yes')`, params: ['{"yes":true}'] },
  { name: 'a JSON null as NULL', text: `json_extract(?, '$.none')`, params: ['{"none":null}'] },
  { name: 'an object as JSON', text: `json_extract(?, '$.a')`, params: ['{"a":{"b":[1,2]}}'], json: true },
  { name: 'a merge patch', text: `json_patch(?, ?)`, params: ['{"a":1,"b":{"c":2},"d":"x"}', '{"b":{"e":3},"a":null,"f":[1]}'], json: true },
  { name: 'a merge patch onto an empty object', text: `json_patch(?, ?)`, params: ['{}', '{"a":{"b":null,"c":1}}'], json: true },
  { name: 'the position of a substring', text: `instr('hello', 'll')` },
  { name: 'no position', text: `instr('hello', 'z')` },
  { name: 'the later of two times', text: `max('2026-01-02', '2026-01-01')` },
  { name: 'the earlier of two times', text: `min('2026-01-02', '2026-01-01')` },
  { name: 'max of a value and NULL', text: `max('2026-01-02', NULL)` },
  { name: 'the JSON type of an object', text: `json_type(?)`, params: ['{"a":1}'] },
  { name: 'the JSON type of a real number at a path', text: `json_type(?, '$.a')`, params: ['{"a":1.5}'] },
  { name: 'the JSON type of false', text: `json_type(?, '$.a')`, params: ['{"a":false}'] },
  { name: 'a sum of comparisons', text: `(SELECT sum(v > 1) FROM (SELECT 1 AS v UNION ALL SELECT 2 UNION ALL SELECT 3) AS t)` },
  { name: 'a sum of comparisons over no rows', text: `(SELECT sum(v > 1) FROM (SELECT 1 AS v) AS t WHERE v > 5)` },
];

describe("SQLite's functions on Postgres", () => {
  let cluster: PostgresCluster;
  let postgres: AppDatabase;
  const sqlite = openDatabase(':memory:');

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    postgres = await openPostgresApp(await cluster.createDatabase('functions'));
  });
  afterAll(async () => {
    await postgres.close();
    await sqlite.close();
    cluster.stop();
  });

  const answer = async (db: AppDatabase, text: string, params: unknown[], json: boolean) => {
    // A number, text or null: what a SQL function answers.
    const value = await db.prepare(`SELECT ${text} AS v`).pluck().get<string | number | null>(...params);
    if (value === null || value === undefined) return null;
    return json ? (JSON.parse(String(value)) as unknown) : String(value);
  };

  for (const { name, text, params = [], json = false } of EXPRESSIONS) {
    it(`answers alike: ${name}`, async () => {
      const expected = await answer(sqlite, text, params, json);
      expect(await answer(postgres, text, params, json)).toEqual(expected);
    });
  }

  it('walks a JSON array and an object as json_each does', async () => {
    const walk = (db: AppDatabase) =>
      db
        .prepare(`SELECT key, value, type FROM json_each(?) UNION ALL SELECT key, value, type FROM json_each(?, '$.o') ORDER BY 1, 2`)
        .all<{ key: string | number | null; value: string | number | null; type: string }>('["a",2,{"x":1}]', '{"o":{"k":"v","n":null,"t":true}}');
    const normal = (rows: { key: string | number | null; value: string | number | null; type: string }[]) =>
      rows.map((row) => ({ key: String(row.key), value: row.value === null ? null : String(row.value).replace(/\s/g, ''), type: row.type }));
    expect(normal(await walk(postgres))).toEqual(normal(await walk(sqlite)));
  });
});
