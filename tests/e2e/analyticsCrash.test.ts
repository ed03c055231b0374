import { afterAll, describe, expect, it } from 'vitest';
import { appDatabase, withAppDatabase } from './appDatabase';
import { apiTokenFor } from './journeyClient';
import { startApiProcess, tempDir, waitFor, type ApiProcess } from '../support/processes';

// Analytics are counted after ingest by the API's applier. Killed with -9 while it counts a backlog, a restarted API
// must go on from where the last committed chunk left off: every accepted event counted, none twice.

const WRITE_KEY = 'wk_analytics_crash_0123456789';
const ADMIN = { email: 'crash@example.com', password: 'crash-password-0123456789' };
const CUSTOMERS = 500;
const PER_CUSTOMER = 30; // 15,000 purchases of 1.25 each: a backlog the applier needs seconds to count

let api: ApiProcess | undefined;
let dropDatabase: () => Promise<void> = async () => undefined;
afterAll(async () => {
  await api?.stop();
  await dropDatabase();
});

const purchase = (c: number, p: number) => ({
  type: 'track',
  userId: `buyer${c}`,
  event: 'purchase',
  properties: { revenue: 1.25 },
  messageId: `crash-${c}-${p}`,
  timestamp: `2026-0${1 + (p % 3)}-1${p % 10}T12:00:00Z`,
});

describe('the analytics applier killed mid-count', () => {
  it('counts every accepted event exactly once after a restart', async () => {
    const database = await appDatabase(tempDir());
    dropDatabase = database.drop;
    const running = (api = await startApiProcess({
      ...database.env,
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      WRITE_KEY,
      TRACKING_SECRET: 'crash-tracking-secret-0123456789',
      INGEST_RATE_PER_SECOND: '1000000',
      INGEST_BURST: '1000000',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    }));
    const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
    const post = async (c: number) => {
      const batch = Array.from({ length: 10 }, (_, i) => Array.from({ length: PER_CUSTOMER }, (_, p) => purchase(c + i, p))).flat();
      const response = await fetch(`${api!.url}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
      expect(response.status).toBe(200);
    };
    // Four requests in flight keep the API saturated, so the applier gets only its small share and a backlog builds up.
    for (let c = 0; c < CUSTOMERS; c += 40) await Promise.all([0, 10, 20, 30].filter((o) => c + o < CUSTOMERS).map((o) => post(c + o)));
    const total = CUSTOMERS * PER_CUSTOMER;
    await withAppDatabase(database.env, async (db) => {
      const count = async (table: string) => (await db.prepare(`SELECT count(*) AS n FROM ${table}`).get<{ n: number }>())?.n ?? 0;
      const pending = () => count('analytics_pending');
      const backlog = await pending();
      expect(backlog).toBeGreaterThan(total / 4);
      // Kill it once it has counted part of the backlog and not all of it.
      await waitFor(async () => (await pending()) < backlog * 0.8 || undefined, { timeoutMs: 120_000, intervalMs: 20, description: 'the applier to count part of the backlog' });
      await running.kill9();
      expect(await pending()).toBeGreaterThan(0);
      expect(await count('customer_revenue_days')).toBeGreaterThan(0);

      await running.restart();
      await waitFor(async () => (await pending()) === 0 || undefined, { timeoutMs: 180_000, intervalMs: 100, description: 'the restarted API to count the rest' });
    });
    const token = await apiTokenFor(api.url, ADMIN, 'admin');
    const revenue = await fetch(`${api.url}/api/analytics/value/revenue?from=2026-01-01&to=2026-03-31&interval=month`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await revenue.json()) as { totals: { revenue: number; orders: number; payingCustomers: number }; periods: { period: string; orders: number }[] };
    expect(body.totals).toMatchObject({ revenue: total * 1.25, orders: total, payingCustomers: CUSTOMERS });
    // Purchases p = 0, 3, 6, … fall in January: 10 of each customer's 30.
    expect(body.periods.map((period) => period.orders)).toEqual([CUSTOMERS * 10, CUSTOMERS * 10, CUSTOMERS * 10]);
  });
});
