import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium, headless; playwright-core drives it (no bundled browser download). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium with a fresh page of the given size. */
export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<{ browser: Browser; page: Page }> {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: run 'bash scripts/ensureChromium.sh' (scripts/test.sh does), or set CHROMIUM_PATH`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport });
  return { browser, page };
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, baseUrl: string, credentials: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/#/journeys`);
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Drags from one element's centre to another's with intermediate moves (React Flow connects on pointer events). */
export async function dragBetween(page: Page, fromSelector: string, toSelector: string): Promise<void> {
  const edges = page.locator('.react-flow__edge');
  const before = await edges.count();
  for (let attempt = 1; ; attempt += 1) {
    const [from, to] = await stillBoxes(page, fromSelector, toSelector);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
    await page.mouse.up();
    // The canvas shows the new edge; a drag that missed (the canvas moved under the pointer) is made again.
    const connected = await expect
      .poll(() => edges.count(), { timeout: 5_000, interval: 100 })
      .toBeGreaterThan(before)
      .then(() => true, () => false);
    if (connected) return;
    if (attempt >= 3) throw new Error(`dragging ${fromSelector} → ${toSelector} drew no edge in three tries`);
  }
}

type Box = { x: number; y: number; width: number; height: number };

/** The boxes of the selectors once two looks a frame apart agree: nodes dropped or a canvas re-fitted may still be moving. */
async function stillBoxes(page: Page, fromSelector: string, toSelector: string): Promise<[Box, Box]> {
  const selectors = [fromSelector, toSelector];
  let last = '';
  for (let looks = 0; looks < 100; looks += 1) {
    const [from, to] = await Promise.all(selectors.map((selector) => page.locator(selector).boundingBox()));
    if (!from || !to) throw new Error(`cannot drag ${selectors.join(' → ')}: ${from ? toSelector : fromSelector} is not visible`);
    const now = JSON.stringify([from, to]);
    if (now === last) return [from, to];
    last = now;
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  }
  throw new Error(`${selectors.join(' → ')} kept moving`);
}

/**
 * Options for `expect.poll` on what the page shows after an action: vitest's default (1 s) is shorter than a render takes
 * on a loaded machine, so every browser assertion waits up to this long for the app to show the expected state.
 */
export const shown = { timeout: 15_000, interval: 100 };
