import { describe, expect, it } from 'vitest';
import { deleteCustomerRows } from '../queries/customerProfile';
import { applyStep, randomHistory, rollupSnapshot } from '../testing/analyticsHistory';
import { openTestDatabase } from '../testing/testDatabase';

const PEOPLE = Array.from({ length: 30 }, (_, i) => `c${i}`);

describe('forgetting a customer', () => {
  // A long timeout: hundreds of steps stored into two databases take a minute or more on a busy Postgres server.
  it.each([1, 2])('leaves every rollup equal to that of a history they were never in (seed %i)', async (seed) => {
    const history = randomHistory(seed, PEOPLE, 600, { stages: true, runs: true });
    const forgotten = new Set(PEOPLE.filter((_, i) => (i * 7 + seed) % 4 === 0));
    const withThem = openTestDatabase(':memory:');
    const without = openTestDatabase(':memory:');
    for (const step of history) {
      await applyStep(withThem, step, step.person);
      if (!forgotten.has(step.person)) await applyStep(without, step, step.person);
    }
    for (const id of forgotten) await deleteCustomerRows(withThem, id);
    const expected = await rollupSnapshot(without);
    const actual = await rollupSnapshot(withThem);
    expect(expected.journey_filtered_runs!.some((row) => row.startsWith('c:'))).toBe(true);
    expect(expected.stage_now_keyed!.length).toBeGreaterThan(10);
    for (const table of Object.keys(expected)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
  }, 300_000);
});

describe('forgetting a customer dated outside the years the database can date', () => {
  it('forgets them without failing (ingest once stored such dates from a skew-corrected sentAt)', async () => {
    const db = openTestDatabase(':memory:');
    for (const [i, timestamp] of ['-002593-09-28T05:53:26.523Z', '+010403-06-11T04:07:01.615Z'].entries()) {
      const event = { id: `e${i}`, type: 'track' as const, name: 'login', properties: {}, traits: null, timestamp };
      await applyStep(db, { kind: 'event', person: 'odd', event }, 'odd');
    }
    await applyStep(db, { kind: 'event', person: 'odd', event: { id: 'e9', type: 'track', name: 'login', properties: {}, traits: null, timestamp: '2026-03-02T10:00:00.000Z' } }, 'odd');
    await expect(deleteCustomerRows(db, 'odd')).resolves.not.toThrow();
    expect(await db.prepare('SELECT count(*) FROM cohort_members').pluck().get()).toBe(0);
  });
});
