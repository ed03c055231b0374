import { describe, expect, it } from 'vitest';
import { readableViewport, readableZoom } from './readableFit';

describe('fitting the journey in view', () => {
  it('fits a small journey whole, centred, never above 100%', () => {
    const view = readableViewport({ x: 0, y: 0, width: 250, height: 100 }, 1000, 700);
    expect(view.zoom).toBe(1);
    expect(view.x).toBe(375);
    expect(view.y).toBe(300);
  });

  it('stops at a zoom where 12 px text is still 11 px, and shows the top of a tall journey', () => {
    const view = readableViewport({ x: -100, y: 50, width: 900, height: 3000 }, 900, 600);
    expect(view.zoom).toBe(readableZoom);
    expect(12 * view.zoom).toBeCloseTo(11);
    expect(view.y).toBeCloseTo(32 - 50 * readableZoom);
  });
});
