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
/** Settings of the data set: margin 50 %, GBP at 1.25 in the base currency (USD), EUR without a rate. */
export function valueSettings(settings: { revenue: Record<string, unknown> } & Record<string, unknown>) {
  return { ...settings, margin: 0.5, revenue: { ...settings.revenue, rates: { GBP: 1.25 } } };
}

/** The lifecycle stages with a `cancel` → churned rule added to the default ones. */
export function stagesWithCancel(config: { stages: string[]; rules: unknown[] }) {
  return { stages: config.stages, rules: [...config.rules, { kind: 'event', event: 'cancel', to: 'churned' }] };
}

/** The history as one `/v1/batch` body. */
export function valueHistoryBatch() {
  const identify = (userId: string, day: string, channel?: string) => ({ type: 'identify', userId, traits: channel ? { utm_source: channel } : { plan: 'free' }, timestamp: `2026-${day}T09:00:00Z` });
  const buy = (userId: string, day: string, revenue: number, currency?: string) => ({ type: 'track', event: 'purchase', userId, properties: currency ? { revenue, currency } : { revenue }, timestamp: `2026-${day}T12:00:00Z` });
  const cancel = (userId: string, day: string) => ({ type: 'track', event: 'cancel', userId, properties: {}, timestamp: `2026-${day}T12:00:00Z` });
  return {
    batch: [
      identify('ada', '01-05', 'google'), buy('ada', '01-10', 100), buy('ada', '03-15', 50),
      identify('bob', '01-20', 'google'), buy('bob', '02-05', 200), cancel('bob', '04-10'),
      identify('cyd', '02-03', 'facebook'), buy('cyd', '02-10', 80), buy('cyd', '05-02', 40, 'GBP'),
      identify('dee', '03-01', 'facebook'), buy('dee', '03-05', 30, 'EUR'), cancel('dee', '05-20'),
      identify('eve', '04-02'),
    ],
  };
}

/** The spend of the CAC figures (tiktok's EUR has no rate: reported apart; facebook's GBP is converted at 1.25). */
export const SPEND_CSV = 'month,channel,amount,currency\r\n2026-01,google,300,USD\r\n2026-02,google,100,\r\n2026-02,facebook,160,USD\r\n"2026-03","facebook",100,GBP\r\n2026-03,tiktok,50,EUR\r\n';

/** Saves the settings and stage rules, then ingests the history (through the HTTP API). */
export async function ingestValueHistory(t: TestApp): Promise<void> {
  const saved = await t.send('PUT', '/api/analytics/settings', valueSettings((await t.send('GET', '/api/analytics/settings')).body));
  if (saved.status !== 200) throw new Error(`settings: ${saved.text}`);
  const savedStages = await t.send('PUT', '/api/lifecycle/stages', stagesWithCancel((await t.send('GET', '/api/lifecycle/stages')).body));
  if (savedStages.status !== 200) throw new Error(`stages: ${savedStages.text}`);
  const stored = await t.ingest('/v1/batch', valueHistoryBatch());
  if (stored.status !== 200) throw new Error(`batch: ${stored.text}`);
}

/** The range every figure of the tests is asked for: Jan–Jun 2026 by month. */
export const HALF_YEAR = 'from=2026-01-01&to=2026-06-30&interval=month';
