import { demoApi, type DemoApi } from './demoData/api';
import { customerHistory, type DemoCustomer } from './demoData/history';
import { journeyRuns, publishDemoJourney, waitForRuns } from './demoData/journey';
import { demoOptions, type DemoOptions } from './demoData/options';
import { DAY_MS, seededRandom } from './demoData/random';
import { ensureCurrencyRates, ensureStageRules } from './demoData/setup';
import { apiToken } from './demoData/signIn';
import { enterSpend, monthsSince } from './demoData/spend';

// `pnpm demo-data [--customers 3000] [--days 120] [--no-runs]`: fills a running platform (bash scripts/start.sh)
// with a few months of customers, events, purchases, survey answers, acquisition spend and journey runs, all
// through the public API, so every Analytics chart has something to show. See scripts/demoData/options.ts.
const BATCH = 250;

async function sendHistory(api: DemoApi, customers: DemoCustomer[]): Promise<number> {
  let sent = 0;
  let pending: Record<string, unknown>[] = [];
  const flush = async () => {
    if (pending.length > 0) await api.batch(pending);
    sent += pending.length;
    pending = [];
  };
  for (const [index, customer] of customers.entries()) {
    // A customer's events in time order, in one batch or consecutive ones: the stage rules see them as they happened.
    pending.push(...customer.messages.sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp))));
    if (pending.length >= BATCH) await flush();
    if ((index + 1) % 250 === 0) console.log(`  ${index + 1} / ${customers.length} customers (${sent} events)`);
  }
  await flush();
  return sent;
}

/** Starts runs of the published journey (trial_started now), then a purchase for about a third: the goal, so some convert. */
async function startRuns(api: DemoApi, journeyId: string, customers: DemoCustomer[], random: () => number): Promise<string> {
  const entrants = customers.filter((customer) => customer.active).slice(0, 200);
  if (entrants.length === 0) return 'no recently active customer to start journey runs for';
  const now = new Date().toISOString();
  await api.batch(entrants.map((customer) => ({ type: 'track', event: 'trial_started', userId: customer.userId, properties: { plan: 'pro' }, timestamp: now, messageId: `${customer.userId}-trial` })));
  const started = await waitForRuns(api, journeyId, (runs) => runs.filter((run) => run.status === 'waiting').length >= entrants.length, 120_000);
  const waiting = started.filter((run) => run.status === 'waiting');
  if (waiting.length === 0) return `sent trial_started for ${entrants.length} customers, but no run started within 2 minutes: is the worker running (bash scripts/start.sh starts it)?`;
  const buyers = waiting.filter(() => random() < 0.35);
  const bought = new Date().toISOString();
  await api.batch(buyers.map((run) => ({ type: 'track', event: 'purchase', userId: run.customerId, properties: { revenue: 49, currency: 'USD', plan: 'pro' }, timestamp: bought, messageId: `${run.customerId}-trial-purchase` })));
  const ended = await waitForRuns(api, journeyId, (runs) => runs.filter((run) => run.status === 'converted').length >= buyers.length, 60_000);
  return `${started.length} journey runs started (${waiting.length} waiting), ${ended.filter((run) => run.status === 'converted').length} converted by a purchase`;
}

export async function fillDemoData(options: DemoOptions): Promise<{ journeyId: string; customers: number; events: number }> {
  const began = performance.now();
  const api = demoApi(options.api, await apiToken(options), options.writeKey);
  const random = seededRandom(options.seed);
  const now = Date.now();
  const runId = now.toString(36);
  console.log(`filling ${options.api} with ${options.customers} customers over ${options.days} days`);

  const rules = await ensureStageRules(api);
  console.log(rules.length > 0 ? `  stage rules added: ${rules.join(', ')}` : '  stage rules: the configured ones');
  console.log(`  ${await ensureCurrencyRates(api)}`);
  const journeyId = await publishDemoJourney(api, runId);
  console.log(`  published journey ${journeyId} (random split with a no-email control; goal: purchase)`);

  const customers = Array.from({ length: options.customers }, (_, i) => customerHistory(i + 1, random, now, options.days, runId));
  const events = await sendHistory(api, customers);
  console.log(`  ${events} events for ${customers.length} customers (signups, logins, page views with UTM, purchases in USD/EUR/GBP, NPS and CSAT answers)`);
  console.log(`  ${await enterSpend(api, random, monthsSince(now - options.days * DAY_MS, now))}`);
  if (options.runs) console.log(`  ${await startRuns(api, journeyId, customers, random)}`);
  else console.log(`  journey runs not started (--no-runs); ${(await journeyRuns(api, journeyId)).length} so far`);

  const app = options.api;
  console.log(`\ndone in ${((performance.now() - began) / 1000).toFixed(0)} s. Look at:
  ${app}/#/analytics/stages        customers per stage, funnel, transitions
  ${app}/#/analytics/retention     cohorts, CRR, churn, growth lens
  ${app}/#/analytics/value         revenue, CLV (and ${app}/#/analytics/acquisition for spend and CAC)
  ${app}/#/analytics/surveys       NPS and CSAT
  ${app}/#/analytics/journeys      the demo journey's entries and conversions (${app}/#/journeys/${journeyId})
  ${app}/#/analytics/experiments   its random split
  ${app}/#/customers               the demo customers (ids start with demo-${runId}-)`);
  return { journeyId, customers: customers.length, events };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  fillDemoData(demoOptions(process.argv.slice(2))).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
