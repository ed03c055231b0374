import { describe, expect, it } from 'vitest';
import { sortableId } from './sortableId';

describe('sortableId', () => {
  it('gives ids that sort in the order they were made, all different, across many draws of the random pool', () => {
    const now = Date.now();
    const ids = Array.from({ length: 5_000 }, (_, index) => sortableId('evt', now + Math.floor(index / 1_000)));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^evt_[0-9a-z]{9}[0-9a-z]{4}[0-9a-f]{12}$/);
  });

  it('draws fresh random parts: two ids made in the same millisecond differ beyond their sequence', () => {
    const now = Date.now() + 60_000;
    const [a, b] = [sortableId('x', now), sortableId('x', now)];
    expect(a.slice(-12)).not.toBe(b.slice(-12));
  });
});
