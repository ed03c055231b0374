import { describe, expect, it } from 'vitest';
import { pickArm } from './pickArm';
import type { NodeOf } from './schema';

const split: NodeOf<'random_split'> = {
  id: 'ab',
  type: 'random_split',
  arms: [
    { id: 'a', weight: 70 },
    { id: 'b', weight: 20 },
    { id: 'c', weight: 10 },
  ],
};

describe('pickArm', () => {
  it('gives the same arm for the same seed', () => {
    for (let index = 0; index < 50; index++) {
      expect(pickArm(split, `run-${index}`)).toBe(pickArm(split, `run-${index}`));
    }
  });

  it('splits 10k seeds roughly by weight', () => {
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let index = 0; index < 10_000; index++) {
      const arm = pickArm(split, `journey/j1/customer-${index}/once:ab`);
      counts[arm] = (counts[arm] ?? 0) + 1;
    }
    expect(counts.a! / 10_000).toBeCloseTo(0.7, 1);
    expect(Math.abs(counts.b! / 10_000 - 0.2)).toBeLessThan(0.02);
    expect(Math.abs(counts.c! / 10_000 - 0.1)).toBeLessThan(0.02);
  });
});
