import Database from 'better-sqlite3';
import { apiTokenFor } from '../../tests/e2e/journeyClient';
import { startApiProcess, type ApiProcess } from '../../tests/support/processes';
import { inFlight, report } from '../figures';
import { statfsSync, statSync } from 'node:fs';
import { analyticsOffCopy, analyticsOffInPlace, removeDatabaseFile } from './ingestOff';

const EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 20_000);
/** Events sent before the clock starts, so a fresh process's cold page cache and JIT are not what is timed. */
const WARM_UP = Number(process.env.BENCH_INGEST_WARM_UP ?? 2_000);
const BATCH = 100;
const IN_FLIGHT = 4;
const ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? 4);
/** A batch that takes longer has hung (a loaded machine answers a batch of 100 in well under a second). */
const BATCH_TIMEOUT_MS = 120_000;
export const BENCH_WRITE_KEY = 'wk_bench_0123456789abcdef';
export const BENCH_ADMIN = { email: 'bench@bench.test', password: 'bench-password-0123456789' };

/** The API process on the built file; `ANALYTICS_ROLLUPS=off` makes the analytics hook a no-op (packages/db/src/analytics/rollups.ts). */
export function startBenchApi(file: string, rollups: 'on' | 'off'): Promise<ApiProcess> {
  return startApiProcess({
    DATABASE_PATH: file,
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    WRITE_KEY: BENCH_WRITE_KEY,
    TRACKING_SECRET: 'bench-secret-0123456789abcdef',
    INGEST_RATE_PER_SECOND: '1000000',
    INGEST_BURST: '1000000',
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    ANALYTICS_ROLLUPS: rollups,
  });
}

export function benchToken(api: ApiProcess): Promise<string> {
  return apiTokenFor(api.url, BENCH_ADMIN);
}

/** A realistic mix for customers already there (and a few new ones): logins, page views with UTM, purchases, answers. */
export function ingestMessage(n: number, round: string, customers: number) {
  const userId = n % 50 === 0 ? `new-${round}-${n}` : `c${String(1 + ((n * 7919) % customers)).padStart(7, '0')}`;
  const messageId = `ingest-${round}-${n}`;
  switch (n % 10) {
    case 0:
    case 1:
    case 2:
      return { type: 'page', userId, name: 'Pricing', properties: { path: '/pricing', utm_source: 'google' }, messageId };
    case 3:
      return { type: 'track', userId, event: 'purchase', properties: { revenue: 42.5, currency: n % 3 === 0 ? 'EUR' : 'USD' }, messageId };
    case 4:
      return { type: 'track', userId, event: 'survey_answered', properties: { survey: 'nps-quarterly', kind: 'nps', score: n % 11 }, messageId };
    case 5:
      return { type: 'identify', userId, traits: { plan: 'pro', utm_source: 'newsletter' }, messageId };
    default:
      return { type: 'track', userId, event: 'login', properties: {}, messageId };
  }
}

/**
 * POSTs a batch, sending it again when the connection drops (a keep-alive socket the server closed as it was reused,
 * which a loaded machine makes likely): a repeated messageId is stored once, so a resend changes no count.
 */
async function postBatch(url: string, auth: string, body: string, attempts = 3): Promise<Response> {
  try {
    return await fetch(url, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(BATCH_TIMEOUT_MS) });
  } catch (error) {
    if (attempts <= 1) throw error;
    return postBatch(url, auth, body, attempts - 1);
  }
}

async function sendBatches(url: string, auth: string, round: string, customers: number, from: number, count: number): Promise<void> {
  await inFlight(count, IN_FLIGHT, async (b) => {
    const batch = Array.from({ length: BATCH }, (_, i) => ingestMessage((from + b) * BATCH + i, round, customers));
    const response = await postBatch(`${url}/v1/batch`, auth, JSON.stringify({ batch }));
    if (!response.ok) throw new Error(`batch ${from + b}: ${response.status} ${await response.text()}`);
  });
}

/** Events stored and not yet counted by the analytics applier (read from the file, as the API's /metrics does). */
function pendingCount(file: string): number {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare('SELECT count(*) AS n FROM analytics_pending').get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

/** How the analytics applier kept up with a round: queued when ingest ended, and how long the idle API took to count them. */
type ApplierLag = { pendingAtEnd: number; catchUpSeconds: number; appliedPerSecond: number };

async function waitForCatchUp(file: string): Promise<ApplierLag> {
  const pendingAtEnd = pendingCount(file);
  const began = performance.now();
  let left = pendingAtEnd;
  while (left > 0) {
    if (performance.now() - began > 30 * 60_000) throw new Error(`analytics applier still has ${left} of ${pendingAtEnd} events after 30 min`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    left = pendingCount(file);
  }
  const catchUpSeconds = (performance.now() - began) / 1000;
  return { pendingAtEnd, catchUpSeconds, appliedPerSecond: pendingAtEnd / Math.max(catchUpSeconds, 1e-3) };
}

async function ingestRound(file: string, rollups: 'on' | 'off', round: string, customers: number): Promise<{ rate: number; lag: ApplierLag | null }> {
  const api = await startBenchApi(file, rollups);
  try {
    const auth = `Basic ${Buffer.from(`${BENCH_WRITE_KEY}:`).toString('base64')}`;
    const warmUp = Math.ceil(WARM_UP / BATCH);
    await sendBatches(api.url, auth, round, customers, 0, warmUp);
    const batches = Math.ceil(EVENTS / BATCH);
    const began = performance.now();
    await sendBatches(api.url, auth, round, customers, warmUp, batches);
    const rate = (batches * BATCH) / ((performance.now() - began) / 1000);
    // With analytics on, the round is over when the figures count every event: the next round starts from an empty queue.
    return { rate, lag: rollups === 'on' ? await waitForCatchUp(file) : null };
  } finally {
    await api.stop();
  }
}

/**
 * Events/s through POST /v1/batch into the built database with analytics on and off, in alternating rounds (off,
 * on, off, on…) so drift on a shared machine hits both; the median of the rounds' ratios is the figure. With
 * analytics on, ingest queues each event and the API's applier counts it after the commit, taking a small share of a
 * busy API (ANALYTICS_BUSY_SHARE): each "on" round also prints how many events were still uncounted when ingest
 * stopped and how long the API, idle, took to count them. "Off" runs
 * on a copy of the file without the analytics triggers and with the JS hooks off (bench/analytics/ingestOff.ts), so
 * it pays for no rollup at all; each side grows by its own rounds' events only.
 */
export async function ingestWithAndWithout(file: string, customers: number): Promise<{ lines: string[]; ratio: number }> {
  const rates: Record<'on' | 'off', number[]> = { on: [], off: [] };
  const lags: ApplierLag[] = [];
  // A copy for the off side when the disk has room for it with a margin; else off on the file itself (triggers dropped and put back).
  const disk = statfsSync(file);
  const inPlace = process.env.BENCH_OFF_IN_PLACE === '1' || statSync(file).size * 1.5 > disk.bavail * disk.bsize;
  const offFile = inPlace ? file : `${file}.analytics-off.db`;
  const switcher = inPlace ? analyticsOffInPlace(file) : null;
  const dropped = switcher ? await switcher.off() : await analyticsOffCopy(file, offFile);
  await switcher?.on();
  console.log(
    `\ningest: ${ROUNDS} rounds each of ${EVENTS} timed events after ${WARM_UP} untimed (batches of ${BATCH}, ${IN_FLIGHT} in flight), analytics off/on alternating; off = hooks off and ${dropped} rollup triggers dropped (${inPlace ? 'on the file itself: no room for a copy' : 'on a copy'})`,
  );
  try {
    for (let r = 0; r < ROUNDS; r++) {
      // off-on, then on-off: a machine getting busier or quieter during the run favours neither side.
      for (const mode of r % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        if (mode === 'off') await switcher?.off();
        let result: Awaited<ReturnType<typeof ingestRound>>;
        try {
          result = await ingestRound(mode === 'off' ? offFile : file, mode, `${mode}${r}-${Date.now()}`, customers);
        } finally {
          if (mode === 'off') await switcher?.on();
        }
        const { rate, lag } = result;
        const counted = lag ? `; ${lag.pendingAtEnd} events not yet counted when ingest ended, counted ${lag.catchUpSeconds.toFixed(1)} s later (${lag.appliedPerSecond.toFixed(0)} events/s)` : '';
        console.log(`  round ${r + 1} analytics ${mode}: ${rate.toFixed(0)} events/s${counted}`);
        rates[mode].push(rate);
        if (lag) lags.push(lag);
      }
    }
  } finally {
    if (!inPlace) removeDatabaseFile(offFile);
  }
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  // The median of each round's on/off ratio: one round disturbed by another process on a shared machine moves it least.
  const pairs = rates.on.map((on, r) => on / rates.off[r]!).sort((a, b) => a - b);
  const ratio = pairs.length % 2 === 1 ? pairs[(pairs.length - 1) / 2]! : (pairs[pairs.length / 2 - 1]! + pairs[pairs.length / 2]!) / 2;
  return {
    ratio,
    lines: [
      report('ingest /v1/batch, analytics off', mean(rates.off), 'events/s', rates.off.map((v) => v.toFixed(0)).join(', ')),
      report('ingest /v1/batch, analytics on', mean(rates.on), 'events/s', rates.on.map((v) => v.toFixed(0)).join(', ')),
      report('ingest ratio on/off (median of rounds)', ratio, '', `rounds ${pairs.map((pair) => pair.toFixed(2)).join(', ')}; target ≥ 0.90${ratio < 0.9 ? ' — UNDER' : ''}`),
      // The cost ingest no longer pays, stated: what the applier had left when ingest stopped and how fast it counts alone.
      report('analytics not yet counted when a round ended', mean(lags.map((lag) => lag.pendingAtEnd)), 'events', lags.map((lag) => lag.pendingAtEnd).join(', ')),
      report('analytics applier catching up, idle API', mean(lags.map((lag) => lag.appliedPerSecond)), 'events/s', `${lags.map((lag) => `${lag.catchUpSeconds.toFixed(1)} s`).join(', ')} to count them`),
    ],
  };
}
