/**
 * The fixed history both retention tests use (../retention.test.ts through HTTP, tests/e2e/analyticsRetention.test.ts in
 * a browser): six customers, Jan–Apr 2026, every event backfilled with its own past timestamp. Their expected figures
 * are worked out by hand from this table, month by month:
 *
 *   customer  events (UTC)                                                     active months   stage changes
 *   A         page home 01-05 (utm ads), purchase 01-10, login 02-03, 03-02    Jan Feb Mar     retention 01-10
 *   B         login 01-20, purchase 03-15                                      Jan Mar         retention 03-15
 *   C         purchase 02-02 (utm ads), cancel 03-20                           Feb Mar         retention 02-02, churned 03-20
 *   D         login 02-10, login 04-05                                         Feb Apr         —
 *   E         purchase 03-01 10:00, login 04-01                                Mar Apr         retention 03-01
 *   F         login 01-25                                                      Jan             —
 */
export const RETENTION_HISTORY = [
  { type: 'page', userId: 'A', name: 'home', properties: { utm_source: 'ads' }, timestamp: '2026-01-05T09:00:00Z' },
  { type: 'track', userId: 'A', event: 'purchase', properties: { revenue: 10 }, timestamp: '2026-01-10T09:00:00Z' },
  { type: 'track', userId: 'B', event: 'login', timestamp: '2026-01-20T09:00:00Z' },
  { type: 'track', userId: 'F', event: 'login', timestamp: '2026-01-25T09:00:00Z' },
  { type: 'track', userId: 'C', event: 'purchase', properties: { utm_source: 'ads' }, timestamp: '2026-02-02T09:00:00Z' },
  { type: 'track', userId: 'A', event: 'login', timestamp: '2026-02-03T09:00:00Z' },
  { type: 'track', userId: 'D', event: 'login', timestamp: '2026-02-10T09:00:00Z' },
  { type: 'track', userId: 'E', event: 'purchase', timestamp: '2026-03-01T10:00:00Z' },
  { type: 'track', userId: 'A', event: 'login', timestamp: '2026-03-02T09:00:00Z' },
  { type: 'track', userId: 'B', event: 'purchase', timestamp: '2026-03-15T09:00:00Z' },
  { type: 'track', userId: 'C', event: 'cancel', timestamp: '2026-03-20T09:00:00Z' },
  { type: 'track', userId: 'E', event: 'login', timestamp: '2026-04-01T09:00:00Z' },
  { type: 'track', userId: 'D', event: 'login', timestamp: '2026-04-05T09:00:00Z' },
];

/** A first purchase makes a customer; a first cancel churns them. */
export const RETENTION_STAGES = {
  stages: ['lead', 'retention', 'churned'],
  rules: [
    { kind: 'event', event: 'purchase', to: 'retention' },
    { kind: 'event', event: 'cancel', to: 'churned' },
  ],
};
