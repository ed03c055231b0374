import { describe, expect, it } from 'vitest';
import { openDatabase } from '../client';
import { mergeCustomerRows } from '../queries/customerProfile';
import { applyStep, randomHistory, rollupSnapshot } from '../testing/analyticsHistory';

const KNOWN = Array.from({ length: 12 }, (_, i) => `user_${i}`);
const ANONYMOUS = Array.from({ length: 12 }, (_, i) => `anon:${i}`);

describe('merging an anonymous visitor into a known customer', () => {
  it.each([1, 2])('leaves every rollup as if all their events had been stored under the known id (seed %i)', (seed) => {
    const history = randomHistory(seed, [...KNOWN, ...ANONYMOUS], 500);
    // Each anonymous visitor identifies as a known customer at some point of the history (a third never do).
    const mergeAt = new Map(ANONYMOUS.map((anon, i) => [anon, { into: KNOWN[i]!, step: i % 3 === 0 ? Infinity : Math.floor(((i + 1) / 13) * history.length) }]));
    const merged = openDatabase(':memory:');
    const oneId = openDatabase(':memory:');
    history.forEach((step, index) => {
      for (const [anon, merge] of mergeAt) if (merge.step === index) mergeCustomerRows(merged, anon, merge.into);
      const merge = mergeAt.get(step.person);
      applyStep(merged, step, merge && index >= merge.step ? merge.into : step.person);
      applyStep(oneId, step, merge && merge.step !== Infinity ? merge.into : step.person);
    });
    const expected = rollupSnapshot(oneId);
    const actual = rollupSnapshot(merged);
    expect(expected.cohort_members!.length).toBeGreaterThan(10);
    expect(expected.revenue_scope_days!.length).toBeGreaterThan(10);
    for (const table of Object.keys(expected)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
  });
});
