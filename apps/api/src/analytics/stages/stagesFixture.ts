// The stages analytics' fixed data set, shared by the HTTP test (stages.test.ts) and the browser test (tests/e2e/analyticsStages.test.ts).

/**
 * A fixed history, ingested with past timestamps (backfill). Stages: visitor → lead (identify with an email) → trial
 * (`trial_started`) → customer (first `purchase`) → churned (`cancelled`); `downgrade` moves a customer back to trial.
 *
 * February (the period before March):   p1  lead 02-02, trial 02-03, customer 02-05          (channel ads)
 *                                       p2  lead 02-10, trial 02-11, customer 02-12
 *                                       p3  lead 02-15
 * March:  a  seen 03-01 (page), lead 03-02, trial 03-04, customer 03-08, churned 03-20        (channel ads)
 *         b  seen 03-03 (page), lead 03-03T12, trial 03-05T12, customer 03-06T12, trial 03-16T12 (back; channel ads)
 *         c  lead 03-10, trial 03-13                                                            (channel news)
 *         d  seen 03-15 (page) and nothing else: still a visitor                                (channel news)
 *         e  seen 03-19 (page), lead 03-20
 */
export const STAGES_HISTORY = [
  { type: 'identify', userId: 'p1', traits: { email: 'p1@example.com', utm_source: 'ads' }, timestamp: '2026-02-02T00:00:00Z' },
  { type: 'track', userId: 'p1', event: 'trial_started', timestamp: '2026-02-03T00:00:00Z' },
  { type: 'track', userId: 'p1', event: 'purchase', properties: { revenue: 10 }, timestamp: '2026-02-05T00:00:00Z' },
  { type: 'identify', userId: 'p2', traits: { email: 'p2@example.com' }, timestamp: '2026-02-10T00:00:00Z' },
  { type: 'track', userId: 'p2', event: 'trial_started', timestamp: '2026-02-11T00:00:00Z' },
  { type: 'track', userId: 'p2', event: 'purchase', properties: { revenue: 10 }, timestamp: '2026-02-12T00:00:00Z' },
  { type: 'identify', userId: 'p3', traits: { email: 'p3@example.com' }, timestamp: '2026-02-15T00:00:00Z' },
  { type: 'page', userId: 'a', name: 'home', properties: { utm_source: 'ads' }, timestamp: '2026-03-01T00:00:00Z' },
  { type: 'identify', userId: 'a', traits: { email: 'a@example.com' }, timestamp: '2026-03-02T00:00:00Z' },
  { type: 'track', userId: 'a', event: 'trial_started', timestamp: '2026-03-04T00:00:00Z' },
  { type: 'track', userId: 'a', event: 'purchase', properties: { revenue: 10 }, timestamp: '2026-03-08T00:00:00Z' },
  { type: 'track', userId: 'a', event: 'cancelled', timestamp: '2026-03-20T00:00:00Z' },
  { type: 'page', userId: 'b', name: 'home', timestamp: '2026-03-03T00:00:00Z' },
  { type: 'identify', userId: 'b', traits: { email: 'b@example.com', utm_source: 'ads' }, timestamp: '2026-03-03T12:00:00Z' },
  { type: 'track', userId: 'b', event: 'trial_started', timestamp: '2026-03-05T12:00:00Z' },
  { type: 'track', userId: 'b', event: 'purchase', properties: { revenue: 10 }, timestamp: '2026-03-06T12:00:00Z' },
  { type: 'track', userId: 'b', event: 'downgrade', timestamp: '2026-03-16T12:00:00Z' },
  { type: 'identify', userId: 'c', traits: { email: 'c@example.com', utm_source: 'news' }, timestamp: '2026-03-10T00:00:00Z' },
  { type: 'track', userId: 'c', event: 'trial_started', timestamp: '2026-03-13T00:00:00Z' },
  { type: 'page', userId: 'd', name: 'home', properties: { utm_source: 'news' }, timestamp: '2026-03-15T00:00:00Z' },
  { type: 'page', userId: 'e', name: 'home', timestamp: '2026-03-19T00:00:00Z' },
  { type: 'identify', userId: 'e', traits: { email: 'e@example.com' }, timestamp: '2026-03-20T00:00:00Z' },
];

export const STAGES_CONFIG = {
  stages: ['visitor', 'lead', 'trial', 'customer', 'churned'],
  rules: [
    { kind: 'identified', to: 'lead', from: ['visitor'] },
    { kind: 'event', event: 'trial_started', first: true, to: 'trial' },
    { kind: 'event', event: 'purchase', first: true, to: 'customer' },
    { kind: 'event', event: 'cancelled', first: false, to: 'churned' },
    { kind: 'event', event: 'downgrade', first: false, to: 'trial', from: ['customer'] },
  ],
};
