import { DAY_MS, weighted } from './random';

export const DEMO_CHANNELS = ['google', 'newsletter', 'facebook', 'referral', 'linkedin'] as const;
const CHANNEL_WEIGHTS = [['google', 30], ['newsletter', 18], ['facebook', 15], ['referral', 10], ['linkedin', 7], [null, 20]] as const;
const CURRENCIES = [['USD', 75], ['EUR', 18], ['GBP', 7]] as const;
const PAGES = ['Home', 'Pricing', 'Docs', 'Blog', 'Changelog'] as const;
const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Tim', 'Radia'] as const;
const COMMENTS = ['Love the reports', 'Too expensive for us', 'Support was quick', 'Export is slow', 'Great onboarding', 'Missing an integration'] as const;

export type DemoCustomer = { userId: string; channel: string | null; messages: Record<string, unknown>[]; active: boolean };

/** An NPS score: most customers are passives or promoters, a fifth are detractors. */
function npsScore(random: () => number): number {
  return weighted(random, [[10, 18], [9, 20], [8, 18], [7, 14], [6, 8], [5, 6], [4, 4], [3, 4], [2, 3], [1, 2], [0, 3]] as const);
}

/**
 * One customer's history as Segment messages with their own past timestamps: the landing page (UTM and
 * context.campaign), identify, sign-up, sessions of logins, page views and feature use until they go quiet,
 * purchases in three currencies, NPS and CSAT answers, and for some a referral or a cancellation.
 */
export function customerHistory(n: number, random: () => number, now: number, days: number, runId: string): DemoCustomer {
  const userId = `demo-${runId}-${String(n).padStart(5, '0')}`;
  const channel = weighted(random, CHANNEL_WEIGHTS);
  const signup = now - (1 + random() * (days - 1)) * DAY_MS;
  const lifetime = -Math.log(1 - random()) * 50 * DAY_MS;
  const end = Math.min(now - 60_000, signup + lifetime);
  const name = `${FIRST_NAMES[n % FIRST_NAMES.length]} ${String.fromCharCode(65 + (n % 26))}.`;
  const plan = random() < 0.25 ? 'pro' : 'free';
  const messages: Record<string, unknown>[] = [];
  let seq = 0;
  const at = (ms: number) => new Date(ms).toISOString();
  const push = (message: Record<string, unknown>, ms: number) => messages.push({ ...message, userId, timestamp: at(ms), messageId: `${userId}-${seq++}` });

  const campaign = channel ? { source: channel, medium: channel === 'newsletter' ? 'email' : 'cpc', name: 'spring-launch' } : null;
  push({ type: 'page', name: 'Landing', properties: { path: '/', ...(campaign ? { utm_source: channel, utm_campaign: campaign.name } : {}) }, ...(campaign ? { context: { campaign } } : {}) }, signup - 10 * 60_000);
  push({ type: 'identify', traits: { email: `${userId}@example.com`, name, plan, country: weighted(random, [['US', 50], ['GB', 15], ['FR', 15], ['DE', 20]] as const), ...(channel ? { utm_source: channel } : {}) } }, signup);
  push({ type: 'track', event: 'signed_up', properties: { plan } }, signup + 60_000);

  const sessions = Math.round(-Math.log(1 - random()) * 10);
  const times = Array.from({ length: sessions }, () => signup + 120_000 + random() * Math.max(0, end - signup - 120_000)).sort((a, b) => a - b);
  let purchased = false;
  for (const time of times) {
    push({ type: 'track', event: 'login', properties: {} }, time);
    const pages = 1 + Math.floor(random() * 3);
    for (let p = 0; p < pages; p++) push({ type: 'page', name: PAGES[Math.floor(random() * PAGES.length)]!, properties: { path: '/app' } }, time + (p + 1) * 30_000);
    if (random() < 0.6) push({ type: 'track', event: 'feature_used', properties: { feature: random() < 0.5 ? 'reports' : 'export' } }, time + 200_000);
    if (random() < (purchased ? 0.1 : 0.18)) {
      const currency = weighted(random, CURRENCIES);
      const amount = Math.round((9 + random() * 290) * 100) / 100;
      // A tenth come as Segment's ecommerce spec (`Order Completed` with `total`): the default settings count both.
      if (random() < 0.1) push({ type: 'track', event: 'Order Completed', properties: { total: amount, currency, order_id: `${userId}-${seq}` } }, time + 300_000);
      else push({ type: 'track', event: 'purchase', properties: { revenue: amount, currency, orderId: `${userId}-${seq}` } }, time + 300_000);
      if (random() < 0.2) push({ type: 'track', event: 'survey_answered', properties: { survey: 'csat-checkout', kind: 'csat', score: weighted(random, [[5, 40], [4, 30], [3, 15], [2, 8], [1, 7]] as const) } }, time + 900_000);
      purchased = true;
    }
  }
  if (sessions > 2 && random() < 0.35) {
    const score = npsScore(random);
    push({ type: 'track', event: 'survey_answered', properties: { survey: 'nps-quarterly', kind: 'nps', score, ...(random() < 0.3 ? { comment: COMMENTS[Math.floor(random() * COMMENTS.length)] } : {}) } }, (times[1] ?? signup) + DAY_MS / 2);
  }
  if (purchased && random() < 0.08) push({ type: 'track', event: 'referral_sent', properties: { invited: 1 } }, end);
  if (end < now - 20 * DAY_MS && random() < 0.25) push({ type: 'track', event: 'subscription_cancelled', properties: { reason: 'too expensive' } }, end + DAY_MS);
  return { userId, channel, messages, active: end > now - 7 * DAY_MS };
}
