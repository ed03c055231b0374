import type { TestApp } from '../testing/testApp';

/**
 * The fixed history the value and CAC tests (and their arithmetic) are worked out on, Jan–Jun 2026, ingested with
 * past timestamps. Settings: margin 50 %, GBP at 1.25 USD, EUR without a rate. Stage rules: first `purchase` →
 * retention (the default), `cancel` → churned.
 *
 *   ada  google    seen 01-05; buys 100 USD 01-10 (→ retention), 50 USD 03-15
 *   bob  google    seen 01-20; buys 200 USD 02-05 (→ retention); cancels 04-10 (→ churned)
 *   cyd  facebook  seen 02-03; buys 80 USD 02-10 (→ retention), 40 GBP (= 50 USD) 05-02
 *   dee  facebook  seen 03-01; buys 30 EUR 03-05 (→ retention; no EUR rate: reported apart); cancels 05-20 (→ churned)
 *   eve  —         seen 04-02; buys nothing
 */
export async function ingestValueHistory(t: TestApp): Promise<void> {
  const settings = (await t.send('GET', '/api/analytics/settings')).body;
  const saved = await t.send('PUT', '/api/analytics/settings', { ...settings, margin: 0.5, revenue: { ...settings.revenue, rates: { GBP: 1.25 } } });
  if (saved.status !== 200) throw new Error(`settings: ${saved.text}`);
  const stages = (await t.send('GET', '/api/lifecycle/stages')).body;
  const rules = [...stages.rules, { kind: 'event', event: 'cancel', to: 'churned' }];
  const savedStages = await t.send('PUT', '/api/lifecycle/stages', { stages: stages.stages, rules });
  if (savedStages.status !== 200) throw new Error(`stages: ${savedStages.text}`);
  const identify = (userId: string, day: string, channel?: string) => ({ type: 'identify', userId, traits: channel ? { utm_source: channel } : { plan: 'free' }, timestamp: `2026-${day}T09:00:00Z` });
  const buy = (userId: string, day: string, revenue: number, currency?: string) => ({ type: 'track', event: 'purchase', userId, properties: currency ? { revenue, currency } : { revenue }, timestamp: `2026-${day}T12:00:00Z` });
  const cancel = (userId: string, day: string) => ({ type: 'track', event: 'cancel', userId, properties: {}, timestamp: `2026-${day}T12:00:00Z` });
  const batch = [
    identify('ada', '01-05', 'google'), buy('ada', '01-10', 100), buy('ada', '03-15', 50),
    identify('bob', '01-20', 'google'), buy('bob', '02-05', 200), cancel('bob', '04-10'),
    identify('cyd', '02-03', 'facebook'), buy('cyd', '02-10', 80), buy('cyd', '05-02', 40, 'GBP'),
    identify('dee', '03-01', 'facebook'), buy('dee', '03-05', 30, 'EUR'), cancel('dee', '05-20'),
    identify('eve', '04-02'),
  ];
  const stored = await t.ingest('/v1/batch', { batch });
  if (stored.status !== 200) throw new Error(`batch: ${stored.text}`);
}

/** The range every figure of the tests is asked for: Jan–Jun 2026 by month. */
export const HALF_YEAR = 'from=2026-01-01&to=2026-06-30&interval=month';
