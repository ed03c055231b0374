import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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
  const from = await page.locator(fromSelector).boundingBox();
  const to = await page.locator(toSelector).boundingBox();
  if (!from || !to) throw new Error(`cannot drag ${fromSelector} → ${toSelector}: not visible`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  await page.mouse.up();
}

/**
 * Options for `expect.poll` on what the page shows after an action: vitest's default (1 s) is shorter than a render takes
 * on a loaded machine, so every browser assertion waits up to this long for the app to show the expected state.
 */
export const shown = { timeout: 15_000, interval: 100 };
