import type { Db } from '@lifecycle/db';
import { DAY_MS, weighted } from '../../scripts/demoData/random';
import type { EventSink } from './eventSink';

export const CHANNELS = [['google', 30], ['newsletter', 15], ['facebook', 15], ['referral', 10], ['linkedin', 5], [null, 25]] as const;
const CURRENCIES = [['USD', 80], ['EUR', 15], ['GBP', 5]] as const;
const PAGES = ['Home', 'Pricing', 'Docs', 'Blog', 'Features'] as const;

export function customerId(i: number): string {
  return `c${String(i).padStart(7, '0')}`;
}

/**
 * `count` customers, each with a signup in the last `days` days, a lifetime after which they go quiet, and
 * `perCustomer` events on average between the two (page views with UTM, logins, feature use, purchases with
 * revenue in three currencies, NPS/CSAT answers), plus the stage moves the default rules would make. Customers
 * `from`..`to` (one chunk of the build: the same chunk and generator always make the same rows).
 */
export async function generateCustomers(db: Db, sink: EventSink, random: () => number, options: { from: number; to: number; perCustomer: number; days: number; now: number }): Promise<void> {
  const insertCustomer = db.prepare(`INSERT INTO customers (id, email, traits, lifecycle_stage, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?)`);
  const insertActivity = db.prepare(`INSERT INTO customer_activity (customer_id, last_seen_at) VALUES (?, ?)`);
  for (let i = options.from; i <= options.to; i++) {
    const id = customerId(i);
    const signup = options.now - random() * options.days * DAY_MS;
    const lifetime = -Math.log(1 - random()) * 60 * DAY_MS;
    const end = Math.min(options.now - 60_000, signup + lifetime);
    const channel = weighted(random, CHANNELS);
    const plan = random() < 0.2 ? 'pro' : 'free';
    const traits = { email: `${id}@example.com`, plan, ...(channel ? { utm_source: channel } : {}) };
    const signupAt = new Date(signup).toISOString();
    await insertCustomer.run(id, traits.email, JSON.stringify(traits), signupAt, signupAt);
    await sink.write({ type: 'identify', name: null, customerId: id, properties: {}, traits, context: channel ? { campaign: { source: channel, name: `${channel}-spring` } } : null, timestamp: signupAt });
    await sink.moveStage(id, 'acquisition', signupAt);
    await sink.write({ type: 'track', name: 'signed_up', customerId: id, properties: { plan }, traits: null, timestamp: new Date(signup + 1000).toISOString() });

    const count = Math.max(0, Math.round(-Math.log(1 - random()) * (options.perCustomer - 2)));
    const times = Array.from({ length: count }, () => signup + 2000 + random() * (end - signup)).sort((a, b) => a - b);
    let engaged = false;
    let bought = false;
    for (const at of times) {
      const timestamp = new Date(at).toISOString();
      const kind = weighted(random, [['page', 40], ['login', 30], ['feature_used', 16], ['purchase', 10], ['survey', 4]] as const);
      switch (kind) {
        case 'page':
          await sink.write({ type: 'page', name: PAGES[Math.floor(random() * PAGES.length)]!, customerId: id, properties: { path: '/', ...(channel && random() < 0.3 ? { utm_source: channel } : {}) }, traits: null, timestamp });
          break;
        case 'login':
          await sink.write({ type: 'track', name: 'login', customerId: id, properties: {}, traits: null, timestamp });
          if (!engaged && !bought) await sink.moveStage(id, 'engagement', timestamp);
          engaged = true;
          break;
        case 'feature_used':
          await sink.write({ type: 'track', name: 'feature_used', customerId: id, properties: { feature: random() < 0.5 ? 'reports' : 'export' }, traits: null, timestamp });
          break;
        case 'purchase': {
          const currency = weighted(random, CURRENCIES);
          await sink.write({ type: 'track', name: 'purchase', customerId: id, properties: { revenue: Math.round((5 + random() * 195) * 100) / 100, currency, orderId: `o-${id}-${Math.floor(at)}` }, traits: null, timestamp });
          if (!bought) await sink.moveStage(id, 'retention', timestamp);
          bought = true;
          break;
        }
        case 'survey': {
          const nps = random() < 0.6;
          const score = nps ? Math.min(10, Math.floor(random() * 11 + random() * 3)) : 1 + Math.floor(random() * 5);
          await sink.write({ type: 'track', name: 'survey_answered', customerId: id, properties: { survey: nps ? 'nps-quarterly' : 'csat-support', kind: nps ? 'nps' : 'csat', score }, traits: null, timestamp });
          break;
        }
        default: {
          const unknownKind: never = kind;
          throw new Error(`unknown kind ${String(unknownKind)}`);
        }
      }
    }
    // The inactivity rule: quiet for 30 days → at_risk; the bench adds churned after 60 (a configured churn stage).
    if (end + 30 * DAY_MS < options.now) await sink.moveStage(id, 'at_risk', new Date(end + 30 * DAY_MS).toISOString());
    if (end + 60 * DAY_MS < options.now && random() < 0.7) await sink.moveStage(id, 'churned', new Date(end + 60 * DAY_MS).toISOString());
    await insertActivity.run(id, new Date(times.at(-1) ?? signup + 1000).toISOString());
  }
}
