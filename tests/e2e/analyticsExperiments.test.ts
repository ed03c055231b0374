import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const splitDraft = {
  nodes: [
    { id: 'trigger', type: 'trigger', event: 'trial_started', reentry: { policy: 'once' } },
    { id: 'ab', type: 'random_split', label: 'Discount test', arms: [{ id: 'hold', label: 'Holdout', weight: 1, control: true }, { id: 'b', label: 'Discount', weight: 1 }] },
    { id: 'exit_hold', type: 'exit' },
    { id: 'exit_b', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'ab' },
    { id: 'e2', source: 'ab', sourceExit: 'hold', target: 'exit_hold' },
    { id: 'e3', source: 'ab', sourceExit: 'b', target: 'exit_b' },
  ],
};

/** Runs that passed the split (control 120 of 1000 converted, Discount 150 of 1000), and a 100/300 global control group. */
function storeFixture(platform: Platform, journeyId: string, versionId: string): Promise<void> {
  const at = '2026-03-10T12:00:00.000Z';
  const runs: unknown[][] = [];
  const steps: unknown[][] = [];
  const conversions: unknown[][] = [];
  for (const [arm, entered, converted] of [['hold', 1000, 120], ['b', 1000, 150]] as const) {
    for (let n = 0; n < entered; n += 1) {
      const workflowId = `journey/${journeyId}/${arm}-${n}/1`;
      runs.push([workflowId, journeyId, versionId, `${arm}-${n}`, n < converted ? 'converted' : 'completed', at]);
      steps.push([workflowId, 2, 'ab', 'random_split', at, at, arm]);
      if (n < converted) conversions.push([workflowId, journeyId, versionId, `${arm}-${n}`, at, at]);
    }
  }
  const assigned = [...Array.from({ length: 100 }, (_, n) => [`c${n}`, 1]), ...Array.from({ length: 300 }, (_, n) => [`t${n}`, 0])];
  return platform.withDatabase((db) =>
    db.transaction(async () => {
      // Many rows to a statement: a round trip per row would be thousands of them on Postgres.
      const insert = async (table: string, columns: string[], rows: unknown[][]) => {
        for (let start = 0; start < rows.length; start += 200) {
          const chunk = rows.slice(start, start + 200);
          const values = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
          await db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`).run(...chunk.flat());
        }
      };
      await insert('runs', ['workflow_id', 'journey_id', 'version_id', 'customer_id', 'status', 'started_at'], runs);
      await insert('run_steps', ['workflow_id', 'seq', 'node_id', 'node_type', 'entered_at', 'left_at', 'exit'], steps);
      await insert('run_conversions', ['workflow_id', 'journey_id', 'version_id', 'customer_id', 'started_at', 'converted_at'], conversions);
      // A quarter held out (written as an admin would save it on the Settings tab).
      await db.prepare(`INSERT INTO analytics_settings (id, config) VALUES ('default', ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config`).run(JSON.stringify({ globalControlShare: 0.25 }));
      await insert('global_control', ['customer_id', 'in_control', 'share', 'assigned_at'], assigned.map((row) => [...row, 0.25, '2026-02-15T00:00:00.000Z']));
    }),
  );
}

describe('Analytics › Experiments in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    ({ browser, page } = await launchBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows each arm’s numbers, the lift with its interval and p-value, the winner, and the global control comparison', async () => {
    const { client } = platform;
    const journey = await client.call<{ id: string }>('POST', '/api/journeys', { name: 'Trial nurture', draft: splitDraft });
    const version = await client.call<{ id: string }>('POST', `/api/journeys/${journey.id}/publish`);
    await storeFixture(platform, journey.id, version.id);
    const ids = [...Array.from({ length: 100 }, (_, n) => `c${n}`), ...Array.from({ length: 300 }, (_, n) => `t${n}`)];
    const batch: object[] = ids.map((id) => ({ type: 'identify', userId: id, traits: { plan: 'trial' }, timestamp: '2026-02-15T09:00:00Z' }));
    for (let n = 0; n < 10; n += 1) batch.push({ type: 'track', userId: `c${n}`, event: 'purchase', properties: { revenue: 50 }, timestamp: '2026-03-10T10:00:00Z' });
    for (let n = 0; n < 60; n += 1) batch.push({ type: 'track', userId: `t${n}`, event: 'purchase', properties: { revenue: 50 }, timestamp: '2026-03-10T10:00:00Z' });
    const basic = `Basic ${Buffer.from(`${platform.env.WRITE_KEY}:`).toString('base64')}`;
    for (let start = 0; start < batch.length; start += 100) await client.call('POST', '/v1/batch', { batch: batch.slice(start, start + 100) }, { authorization: basic });
    await client.analyticsCounted();

    await signIn(page, platform.api.url, E2E_ADMIN);
    await page.goto(`${platform.api.url}/#/analytics/experiments?from=2026-03-01&to=2026-03-31`);
    const split = page.getByTestId('split-ab');
    await split.getByRole('row').filter({ hasText: 'Discount' }).waitFor(shown);
    const row = async (name: string) => ((await split.getByRole('row').filter({ hasText: name }).textContent()) ?? '').replace(/\s+/g, ' ');
    // Control: 120 / 1000 = 12.0%. Discount: 150 / 1000 = 15.0%, +3.0 pp, interval [+0.0, +6.0] pp, relative +25.0%, p = 0.0496.
    expect(await row('Holdout (control)')).toMatch(/1,000.*120.*12\.0%/);
    const discount = await row('Discount');
    expect(discount).toMatch(/1,000.*150.*15\.0%.*\+3\.0 pp.*\[\+0\.0, \+6\.0\] pp.*25\.0%.*0\.0496/);
    expect(await split.getByTestId('split-verdict').textContent()).toContain('Winner: Discount');
    expect(await page.getByText('two-proportion z-test (pooled)').count()).toBeGreaterThan(0);

    // Global control: 10/100 = 10.0% against 60/300 = 20.0%: +10.0 pp [+2.6, +17.4], p = 0.0227; revenue per customer 5 vs 10.
    await page.getByTestId('gc-conversion-lift').filter({ hasText: '+10.0 pp' }).waitFor(shown);
    const control = page.getByRole('region', { name: 'Global control group' });
    expect(((await control.textContent()) ?? '').replace(/\s+/g, ' ')).toMatch(/\[\+2\.6, \+17\.4\] pp · p = 0\.0227/);
    expect(await control.getByRole('row').filter({ hasText: 'Control (no lifecycle messages)' }).textContent()).toMatch(/100.*10.*10\.0%/);
    expect(await page.getByTestId('gc-actual-share').textContent()).toBe('25.0%');
    expect(await page.getByTestId('gc-configured-share').textContent()).toBe('25.0%');

    // The assignment is visible on the customer's profile.
    await page.goto(`${platform.api.url}/#/customers/c0`);
    await page.getByTestId('global-control').filter({ hasText: 'in the control group at a 25.0% share since 2026-02-15: gets no lifecycle email' }).waitFor(shown);
  });
});
