/**
 * Loads a 300-node journey in the editor (real platform, headless Chromium) and measures frame times
 * while panning and wheel-zooming, by sampling requestAnimationFrame inside the page.
 * Run: pnpm --filter @lifecycle/web build && node --import tsx bench/canvas.ts
 */
import type { JourneyDraft } from '../packages/journey/src/schema';
import { launchBrowser, signIn } from '../tests/e2e/browser';
import { E2E_ADMIN, startPlatform } from '../tests/e2e/platform';

function bigJourney(count: number): JourneyDraft {
  const nodes: JourneyDraft['nodes'] = [{ id: 'trigger', type: 'trigger', event: 'bench', reentry: { policy: 'once' } }];
  const edges: JourneyDraft['edges'] = [];
  for (let i = 1; i < count; i += 1) {
    const parent = i === 1 ? 'trigger' : `wait_${Math.floor(i / 2)}`;
    nodes.push({ id: `wait_${i}`, type: 'wait', duration: { amount: 1, unit: 'days' } });
    edges.push({ id: `e${i}`, source: parent, sourceExit: 'next', target: `wait_${i}` });
  }
  return { nodes, edges };
}

const sampleFrames = (ms: number) =>
  `new Promise((resolve) => { const times = []; let last = performance.now(); const end = last + ${ms};
    const tick = (now) => { times.push(now - last); last = now; if (now < end) requestAnimationFrame(tick); else resolve(times); };
    requestAnimationFrame(tick); })`;

function summary(name: string, frames: number[]) {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = frames.reduce((sum, f) => sum + f, 0) / frames.length;
  console.log(`${name}: ${frames.length} frames, median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, ${(1000 / mean).toFixed(0)} fps`);
}

const platform = await startPlatform({ timeScale: 1 });
const { browser, page } = await launchBrowser();
try {
  const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Bench 300', draft: bigJourney(300) });
  await signIn(page, platform.api.url, E2E_ADMIN);
  const started = Date.now();
  await page.goto(`${platform.api.url}/#/journeys/${journey.id}`);
  await page.locator('.react-flow__node').first().waitFor();
  console.log(`editor with 300 nodes shown in ${Date.now() - started} ms`);
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;

  const pan = page.evaluate<number[]>(sampleFrames(2000));
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 60; i += 1) await page.mouse.move(cx + Math.sin(i / 6) * 250, cy + Math.cos(i / 6) * 150);
  await page.mouse.up();
  summary('pan ', await pan);

  const zoom = page.evaluate<number[]>(sampleFrames(2000));
  for (let i = 0; i < 40; i += 1) await page.mouse.wheel(0, i % 20 < 10 ? -120 : 120);
  summary('zoom', await zoom);
} finally {
  await browser.close();
  await platform.stop();
}
