import type { Page } from 'playwright-core';

// The DOM as these page functions use it (the tests compile without the DOM library: they run in Node).
type Box = { left: number; right: number; top: number; bottom: number; width: number; height: number };
type Element = {
  textContent: string | null;
  hidden: boolean;
  parentElement: Element | null;
  getAttribute: (name: string) => string | null;
  getBoundingClientRect: () => Box;
  querySelector: (selector: string) => Element | null;
  querySelectorAll: (selector: string) => Iterable<Element>;
};
type Document = Element & { documentElement: { scrollWidth: number; clientWidth: number } };
type InPage = { document: Document };

/** Two pieces of chart text drawn over each other: what they say and which chart. */
export type TextClash = { chart: string; a: string; b: string };

/**
 * Pieces of text drawn over each other inside any chart on the page (axis names, tick labels, legends, value labels):
 * a reader cannot read either. Boxes must overlap by more than `slack` pixels both ways (glyph boxes touch at rest).
 * Charts are the SVG that ECharts draws (Chart.tsx renders with the SVG renderer, so its text is real text).
 */
export function chartTextClashes(page: Page, slack = 2): Promise<TextClash[]> {
  return page.evaluate((slack) => {
    const { document } = globalThis as unknown as InPage;
    const clashes: { chart: string; a: string; b: string }[] = [];
    for (const drawn of document.querySelectorAll('.analytics-chart')) {
      const wrapper = drawn.parentElement!;
      const boxes = [...drawn.querySelectorAll('svg text')]
        .map((text) => ({ text: (text.textContent ?? '').trim(), box: text.getBoundingClientRect() }))
        .filter((item) => item.text !== '' && item.box.width > 0 && item.box.height > 0);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.box;
          const b = boxes[j]!.box;
          const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (across > slack && down > slack)
            clashes.push({ chart: wrapper.getAttribute('aria-label') ?? '', a: boxes[i]!.text, b: boxes[j]!.text });
        }
      }
    }
    return clashes;
  }, slack);
}

/** How far the page is wider than the window (0: nothing needs a sideways scroll of the whole page). */
export function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    return document.documentElement.scrollWidth - document.documentElement.clientWidth;
  });
}

/** 'drawn' once every figure on the page has its answer (no "Loading …" left) and every chart shown has its text; the error's text if a figure failed. */
export function analyticsDrawn(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    const failed = document.querySelector('[role="alert"]');
    if (failed) return `error: ${failed.textContent}`;
    const charts = [...document.querySelectorAll('.analytics-chart')].filter((chart) => !chart.hidden);
    const drawn = charts.length > 0 && charts.every((chart) => chart.querySelector('svg text') !== null);
    return document.querySelector('.loading') === null && drawn ? 'drawn' : 'waiting';
  });
}
