import { inFlight } from './figures';
import { loadAverage } from './memoryProbe';
import type { SetupPlatform } from './backendsPlatform';

// The two measurements of bench/backends.ts, run the same way on every set-up.

export const BATCH = 100;
export const JOURNEY_EVENT = 'bench_signed_up';
const AFTER_INGEST_S = 20;

/** The settings every set-up runs with. */
export type Counts = { events: number; runs: number; warmupRuns: number; inFlight: number };

/** A measured rate with what it cost each role of the set-up, and the load before → after. */
export type Measured = { rate: number; seconds: number; cpu: string; load: string; note: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` messages made by `message(i)`, in batches of BATCH, `lanes` in flight, batch b to API b mod the APIs. */
async function sendAll(platform: SetupPlatform, count: number, lanes: number, message: (i: number) => unknown): Promise<void> {
  await inFlight(Math.ceil(count / BATCH), lanes, (b) =>
    platform.batch(
      Array.from({ length: Math.min(BATCH, count - b * BATCH) }, (_, i) => message(b * BATCH + i)),
      b,
    ),
  );
}

/**
 * Follows the work ingest leaves behind (events to dispatch, events to count into the analytics) for at most
 * `limitS`: answers when the last event was dispatched and when the last was counted, or how fast counting went and
 * what was left. With a long limit, it lets the next measurement start without paying for the last one's backlog.
 */
async function drain(platform: SetupPlatform, limitS: number): Promise<string> {
  const began = performance.now();
  const elapsed = () => (performance.now() - began) / 1000;
  const at: { dispatched?: number; counted?: number } = {};
  let [first, last] = [Number.NaN, Number.NaN];
  for (;;) {
    const [undispatched, uncounted] = await Promise.all([
      platform.gauge('lifecycle_events_undispatched'),
      platform.gauge('lifecycle_analytics_pending_events'),
    ]);
    if (Number.isNaN(first)) first = uncounted;
    last = uncounted;
    if (undispatched === 0) at.dispatched ??= elapsed();
    if (uncounted === 0) at.counted ??= elapsed();
    if ((at.dispatched !== undefined && at.counted !== undefined) || elapsed() >= limitS) break;
    await sleep(250);
  }
  const dispatched = at.dispatched === undefined ? `not all dispatched in ${limitS} s` : `dispatched in ${at.dispatched.toFixed(1)} s`;
  const rate = (seconds: number) => `${Math.round((first - last) / Math.max(seconds, 0.25))} events/s`;
  const counted =
    at.counted === undefined
      ? `counted at ${rate(elapsed())} with ${last} left after ${limitS} s`
      : `counted in ${at.counted.toFixed(1)} s (${rate(at.counted)})`;
  return `then ${dispatched}, ${counted}`;
}

/** Before a measurement: every event stored so far dispatched and counted (at most 5 minutes). */
const settle = (platform: SetupPlatform) => drain(platform, 300);

/**
 * Events per second through POST /v1/batch (each answered once stored): page views over 5,000 customers, then what
 * the API still does for them in the next `AFTER_INGEST_S` seconds (dispatching, counting into the analytics).
 */
export async function measureIngest(platform: SetupPlatform, counts: Counts): Promise<Measured> {
  const stamp = Date.now();
  const pageView = (prefix: string) => (n: number) => ({
    type: 'track',
    userId: `user-${n % 5000}`,
    event: 'page_viewed',
    properties: { path: `/docs/${n % 100}`, referrer: 'https://example.com' },
    messageId: `${prefix}-${stamp}-${n}`,
  });
  // Untimed: the API processes' first requests (JIT, prepared statements, pool connections).
  await sendAll(platform, Math.min(500, counts.events), counts.inFlight, pageView('warm'));
  await settle(platform);
  const [loadBefore, cpuBefore] = [loadAverage(), platform.cpu.take()];
  const began = performance.now();
  await sendAll(platform, counts.events, counts.inFlight, pageView('bench'));
  const seconds = (performance.now() - began) / 1000;
  const cpu = platform.cpu.since(cpuBefore, counts.events, 1000);
  const load = `${loadBefore} → ${loadAverage()}`;
  return { rate: counts.events / seconds, seconds, cpu, load, note: await drain(platform, AFTER_INGEST_S) };
}

/** Identifies customers `prefix0…` with an email address each, spread over the APIs like the rest. */
async function identify(platform: SetupPlatform, prefix: string, count: number, lanes: number): Promise<void> {
  await sendAll(platform, count, lanes, (n) => ({
    type: 'identify',
    userId: `${prefix}${n}`,
    traits: { email: `${prefix}${n}@bench.test` },
    messageId: `id-${prefix}${n}`,
  }));
}

/** Runs of `journeyId` by status, read through the API (the runs table the worker writes as a run moves). */
async function runCounts(platform: SetupPlatform, journeyId: string): Promise<Record<string, number>> {
  return (await platform.client.call<{ counts: Record<string, number> }>('GET', `/api/runs/counts?journeyId=${journeyId}`)).counts;
}

/**
 * Waits until `target` runs of the journey are completed; gives up after `quietS` seconds without one more finishing.
 * Answers the completed count it saw last.
 */
async function completed(platform: SetupPlatform, journeyId: string, target: number, quietS = 60): Promise<number> {
  let [last, lastChange] = [-1, performance.now()];
  for (;;) {
    const done = (await runCounts(platform, journeyId)).completed ?? 0;
    if (done >= target) return done;
    if (done !== last) [last, lastChange] = [done, performance.now()];
    if ((performance.now() - lastChange) / 1000 > quietS) return done;
    await sleep(200);
  }
}

/** trigger on JOURNEY_EVENT (a run per event) → send email → exit, created and published through the API. */
async function publishJourney(platform: SetupPlatform): Promise<string> {
  const template = await platform.client.createTemplate(
    'Bench backends',
    'Hello {{ customer.id }}',
    '<p>Hello {{ customer.id }} <a href="https://example.com/x">x</a></p>',
  );
  const draft = {
    nodes: [
      { id: 'trigger', type: 'trigger', event: JOURNEY_EVENT, reentry: { policy: 'always' } },
      { id: 'send', type: 'send_email', templateId: template.id },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
  const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Bench backends', draft });
  await platform.client.call('POST', `/api/journeys/${journey.id}/publish`);
  return journey.id;
}

/**
 * Journey runs per second, from the first tracked event sent to the last run marked completed in the runs table (read
 * through the API): dispatch, the run's start, its workflow task, the send over SMTP and the run's progress writes.
 */
export async function measureRuns(platform: SetupPlatform, counts: Counts): Promise<Measured> {
  const journeyId = await publishJourney(platform);
  await identify(platform, 'warm', counts.warmupRuns, counts.inFlight);
  await identify(platform, 'cust', counts.runs, counts.inFlight);
  await settle(platform);
  const stamp = Date.now();
  const signUp = (prefix: string) => (n: number) => ({
    type: 'track',
    userId: `${prefix}${n}`,
    event: JOURNEY_EVENT,
    properties: {},
    messageId: `${prefix}-${stamp}-${n}`,
  });
  // Untimed: the workers' first runs (workflow bundle's first load, render thread, SMTP pool) take seconds.
  await sendAll(platform, counts.warmupRuns, counts.inFlight, signUp('warm'));
  const warmed = await completed(platform, journeyId, counts.warmupRuns, 180);
  if (warmed < counts.warmupRuns)
    throw new Error(`${platform.setup.label}: only ${warmed} of ${counts.warmupRuns} warm-up runs completed\n${platform.logs()}`);
  await settle(platform);
  const caughtBefore = await platform.caughtCount();

  const [loadBefore, cpuBefore] = [loadAverage(), platform.cpu.take()];
  const began = performance.now();
  await sendAll(platform, counts.runs, counts.inFlight, signUp('cust'));
  const sentS = (performance.now() - began) / 1000;
  const done = (await completed(platform, journeyId, counts.warmupRuns + counts.runs)) - counts.warmupRuns;
  const seconds = (performance.now() - began) / 1000;
  const cpu = platform.cpu.since(cpuBefore, done);
  const load = `${loadBefore} → ${loadAverage()}`;
  const [byStatus, caught, roles] = [
    await runCounts(platform, journeyId),
    (await platform.caughtCount()) - caughtBefore,
    await platform.dispatchRoles(),
  ];
  const others = Object.entries(byStatus)
    .filter(([status, n]) => status !== 'completed' && n > 0)
    .map(([status, n]) => `${n} ${status}`);
  const short = done < counts.runs ? `; ONLY ${done} of ${counts.runs} completed (${others.join(', ') || 'none other'})` : '';
  return {
    rate: done / seconds,
    seconds,
    cpu,
    load,
    note: `events sent in ${sentS.toFixed(1)} s; ${caught} emails caught; dispatch ${roles.join(' / ')}${short}`,
  };
}
