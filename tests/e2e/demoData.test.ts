import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/processes';
import { launchBrowser, shown, signIn } from './browser';
import { analyticsDrawn, chartTextClashes, pageOverflow } from './chartLayout';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

type Customer = { id: string; lifecycleStage: string | null };
type Event = { name: string | null; timestamp: string };

/** `pnpm demo-data` as a user runs it, against this platform (its URL, write key and admin from the environment). */
function runDemoData(platform: Platform, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demoData.ts', ...args], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        API: platform.api.url,
        WRITE_KEY: platform.env.WRITE_KEY ?? '',
        ADMIN_EMAIL: E2E_ADMIN.email,
        ADMIN_PASSWORD: E2E_ADMIN.password,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, output }));
  });
}

describe('pnpm demo-data on a started platform', () => {
  let platform: Platform;
  let output = '';

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const result = await runDemoData(platform, ['--customers', '30', '--days', '60']);
    output = result.output;
    expect(result.code, `${output}\n${platform.logs()}`).toBe(0);
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('creates the customers with months of backdated events, stage moves and survey answers', async () => {
    const runId = /ids start with demo-([a-z0-9]+)-/.exec(output)?.[1];
    expect(runId, output).toBeDefined();
    const { customers } = await platform.client.call<{ customers: Customer[] }>('GET', `/api/customers?q=demo-${runId}-&limit=200`);
    expect(customers).toHaveLength(30);
    // The configured rules (and the demo's own, added to them) moved them: more than one stage is populated.
    expect(new Set(customers.map((customer) => customer.lifecycleStage)).size).toBeGreaterThan(1);

    const histories = await Promise.all(
      customers.map((customer) =>
        platform.client.call<{ events: Event[] }>('GET', `/api/customers/${encodeURIComponent(customer.id)}/events?limit=500`),
      ),
    );
    const events = histories.flatMap((history) => history.events);
    const names = new Set(events.map((event) => event.name));
    for (const name of ['signed_up', 'login', 'survey_answered', 'purchase']) expect(names, name).toContain(name);
    // History lands at its own time: the earliest sign-up is weeks ago, not today.
    const signups = events.filter((event) => event.name === 'signed_up').map((event) => Date.parse(event.timestamp));
    expect(Math.min(...signups)).toBeLessThan(Date.now() - 14 * 86_400_000);
    expect(output).toMatch(/\d+ events for 30 customers/);
  });

  it('publishes a journey with a random split and a goal, and starts real runs of it', async () => {
    const journeyId = /published journey (\S+)/.exec(output)?.[1] ?? '';
    const journey = await platform.client.call<{
      status: string;
      versions: unknown[];
      draft: { nodes: { type: string }[]; goal?: { event: string } };
    }>('GET', `/api/journeys/${journeyId}`);
    expect(journey.status).toBe('live');
    expect(journey.versions.length).toBeGreaterThanOrEqual(1);
    expect(journey.draft.nodes.map((node) => node.type)).toContain('random_split');
    expect(journey.draft.goal).toEqual({ event: 'purchase' });
    const { runs } = await platform.client.call<{ runs: { status: string }[] }>('GET', `/api/runs?journeyId=${journeyId}&limit=500`);
    expect(runs.length, output).toBeGreaterThan(0);
    expect(output).toMatch(/journey runs started/);
    // Spend is entered where the acquisition route exists, and skipped with a message where it does not.
    expect(output).toMatch(/acquisition spend/);
  });

  it('draws every Analytics tab with the demo data readable: no chart text over other text, no page wider than the window', async () => {
    const { browser, page } = await launchBrowser();
    try {
      await signIn(page, platform.api.url, E2E_ADMIN);
      for (const tab of ['stages', 'retention', 'value', 'acquisition', 'surveys', 'health', 'journeys', 'experiments']) {
        await page.goto(`${platform.api.url}/#/analytics/${tab}`);
        // The app routes by the hash: the tab is the new one before its figures are looked at.
        await page.locator(`a.tab[aria-current="page"][href^="#/analytics/${tab}"]`).waitFor(shown);
        await expect.poll(() => analyticsDrawn(page), { ...shown, timeout: 60_000 }).toBe('drawn');
        expect(await chartTextClashes(page), tab).toEqual([]);
        expect(await pageOverflow(page), tab).toBe(0);
      }
    } finally {
      await browser.close();
    }
  }, 300_000);
});
