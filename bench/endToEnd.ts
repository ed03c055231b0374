import type { Db } from '@lifecycle/db';
import { report } from './figures';
import { identifyCustomers, publishSendJourney, startBenchPlatform, type BenchPlatform } from './endToEndPlatform';
import { benchDb } from './dispatchRuns';
import { eventPaths, stageDurations, stageLines } from './endToEndStages';
import { cpuSeconds, loadAverage } from './memoryProbe';
import { threadCpu, threadShares } from './threadCpu';

// Event accepted → email accepted by SMTP, on the real platform (Temporal dev server, API, worker, the mail catcher on
// loopback) with a live journey "event → send email → exit". Events go to POST /v1/batch at a fixed offered rate,
// open loop: each batch leaves on its schedule whatever the earlier ones are doing; a send that leaves more than
// LATE_MS behind its schedule is counted late (the bench itself could not keep up). The latency of an event is from the
// API's answer to the batch that carried it to the catcher's acceptance of its email (matched by the subject, which
// carries the event's message id). `node --import tsx bench/endToEnd.ts [--quick] [--rates 50,100,200] [--seconds 60]
// [--batch 5] [--search 3] [--cpu-prof DIR]`.

const LATE_MS = 10;
const P99_LIMIT_MS = 1_000;
const GOAL_P99_MS = 500;
const GOAL_RATE = 100;
const CUSTOMERS = 2_000;

type Options = { rates: number[]; seconds: number; batch: number; searchSteps: number; cpuProfDir?: string };

function parseOptions(args: string[]): Options {
  const value = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const quick = args.includes('--quick');
  return {
    rates: (value('--rates') ?? (quick ? '50,100' : '50,100,200')).split(',').map(Number),
    seconds: Number(value('--seconds') ?? (quick ? 10 : 60)),
    batch: Number(value('--batch') ?? 5),
    searchSteps: Number(value('--search') ?? (quick ? 1 : 3)),
    cpuProfDir: value('--cpu-prof'),
  };
}

export type RateResult = {
  rate: number;
  sent: number;
  late: number;
  missing: number;
  p50: number;
  p95: number;
  p99: number;
  gaveUpAfterS: number | null;
  cpuMsPerEvent: Record<string, number>;
  load: string;
  /** Where the time went: one line per stage of the path (bench/endToEndStages.ts). */
  stages: string[];
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Waits until the catcher holds `count` messages, giving up after `quietMs` without a new one. */
async function waitForMail(platform: BenchPlatform, count: number, quietMs: number): Promise<void> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const now = await platform.caughtCount();
    if (now >= count) return;
    if (now !== last) [last, lastChange] = [now, Date.now()];
    if (Date.now() - lastChange > quietMs) return;
    await sleep(250);
  }
}

/** One step: `rate` events/s for `seconds`, then every email waited for; stops early once p99 < 1 s is out of reach. */
async function offerRate(platform: BenchPlatform, db: Db, rate: number, seconds: number, batchSize: number, event: string): Promise<RateResult> {
  const planned = Math.round(rate * seconds);
  const stamp = `${rate}-${Date.now()}`;
  const baseline = await platform.caughtCount();
  const answeredAt = new Map<string, number>();
  const cpuBefore = Object.fromEntries(Object.entries(platform.pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const workerThreadsBefore = threadCpu(platform.pids.worker);
  const intervalMs = (1000 * batchSize) / rate;
  let late = 0;
  let gaveUpAfterS: number | null = null;
  let failures = 0;
  const inFlightSends: Promise<void>[] = [];
  const began = performance.now();
  const beganWall = Date.now();

  // A watcher: with more than 1% of the step's events answered over a second ago and no email yet, p99 < 1 s is lost.
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      await sleep(500);
      const cutoff = Date.now() - P99_LIMIT_MS;
      let overdueCandidates = 0;
      for (const at of answeredAt.values()) if (at < cutoff) overdueCandidates += 1;
      const caught = (await platform.caughtCount()) - baseline;
      if (overdueCandidates - caught > planned * 0.01) {
        gaveUpAfterS = (Date.now() - beganWall) / 1000;
        return;
      }
    }
  })();

  for (let sent = 0, tick = 0; sent < planned && gaveUpAfterS === null; tick++) {
    const due = began + tick * intervalMs;
    const lag = performance.now() - due;
    if (lag < 0) await sleep(-lag);
    else if (lag > LATE_MS) late += 1;
    const ids = Array.from({ length: Math.min(batchSize, planned - sent) }, (_, i) => `e2e-${stamp}-${sent + i}`);
    const first = sent;
    sent += ids.length;
    const messages = ids.map((id, i) => ({ type: 'track', userId: `e2e${(first + i) % CUSTOMERS}`, event, properties: { seq: id }, messageId: id }));
    inFlightSends.push(
      platform.batch(messages).then(
        () => {
          const now = Date.now();
          for (const id of ids) answeredAt.set(id, now);
        },
        () => void (failures += ids.length),
      ),
    );
  }
  await Promise.all(inFlightSends);
  watching = false;
  await watcher;
  await waitForMail(platform, baseline + answeredAt.size, gaveUpAfterS === null ? 30_000 : 10_000);

  const receivedAt = new Map((await platform.caught()).map((message) => [message.subject.replace(/^e2e /, ''), Date.parse(message.receivedAt)]));
  const paths = await eventPaths(db, `e2e-${stamp}-`);
  const durations = paths.map((path) => stageDurations(path, answeredAt.get(path.messageId) ?? Number.NaN, receivedAt.get(path.messageId) ?? Number.NaN));
  const totals = paths.map((path) => (receivedAt.get(path.messageId) ?? Number.NaN) - path.stored);
  const latencies = [...answeredAt].map(([id, at]) => (receivedAt.has(id) ? (receivedAt.get(id) ?? 0) - at : Number.POSITIVE_INFINITY)).sort((a, b) => a - b);
  const cpuMsPerEvent = Object.fromEntries(Object.entries(platform.pids).map(([name, pid]) => [name, ((cpuSeconds(pid) - (cpuBefore[name] ?? 0)) * 1000) / Math.max(1, answeredAt.size)]));
  return {
    rate,
    sent: answeredAt.size + failures,
    late,
    missing: latencies.filter((ms) => !Number.isFinite(ms)).length + failures,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    gaveUpAfterS,
    cpuMsPerEvent,
    load: loadAverage(),
    stages: [...stageLines(durations, totals), `  worker CPU ms/event by thread: ${threadShares(workerThreadsBefore, threadCpu(platform.pids.worker), answeredAt.size)}`],
  };
}

const held = (result: RateResult) => result.gaveUpAfterS === null && result.missing === 0 && result.p99 < P99_LIMIT_MS;

function line(result: RateResult, seconds: number): string {
  const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)}` : 'never');
  const cpu = Object.entries(result.cpuMsPerEvent)
    .map(([name, value]) => `${name} ${value.toFixed(1)}`)
    .join(', ');
  const goal = result.rate === GOAL_RATE ? `; goal p99 < ${GOAL_P99_MS} ms: ${result.p99 < GOAL_P99_MS && result.missing === 0 ? 'MET' : 'MISSED'}` : '';
  const stopped = result.gaveUpAfterS === null ? '' : `, stopped after ${result.gaveUpAfterS.toFixed(0)} of ${seconds} s (>1% over 1 s)`;
  const figure = report(
    `end to end p99 at ${result.rate} events/s`,
    result.p99,
    'ms',
    `p50 ${ms(result.p50)}, p95 ${ms(result.p95)}; ${result.sent} sent, ${result.late} late sends, ${result.missing} without email${stopped}; CPU ms/event ${cpu}; load ${result.load}${goal}`,
  );
  for (const stage of result.stages) console.log(stage);
  return [figure, ...result.stages].join('\n');
}

/** The fixed rates, then a short bisection for the highest rate held for `seconds` with p99 < 1 s. */
export async function benchEndToEnd(args: string[] = []): Promise<string[]> {
  const options = parseOptions(args);
  const preload = new URL('./endToEndCpuProfile.mjs', import.meta.url).pathname;
  const profile = options.cpuProfDir ? { NODE_OPTIONS: `--import ${preload}`, BENCH_CPU_PROFILE_DIR: options.cpuProfDir } : {};
  const platform = await startBenchPlatform({ apiEnv: profile, workerEnv: profile });
  const db = benchDb(platform);
  const lines: string[] = [];
  try {
    const event = 'e2e_bench';
    await publishSendJourney(platform, event, 'e2e {{ event.seq }}');
    await identifyCustomers(platform, 'e2e', CUSTOMERS);
    await offerRate(platform, db, 10, 2, 1, event); // warm-up: JIT, the worker's first tasks, SMTP; not reported

    const results: RateResult[] = [];
    for (const rate of options.rates) {
      const result = await offerRate(platform, db, rate, options.seconds, options.batch, event);
      results.push(result);
      lines.push(line(result, options.seconds));
    }
    let low = Math.max(0, ...results.filter(held).map((result) => result.rate));
    let high = Math.min(Number.POSITIVE_INFINITY, ...results.filter((result) => !held(result) && result.rate > low).map((result) => result.rate));
    for (let step = 0; step < options.searchSteps; step++) {
      const rate = Number.isFinite(high) ? Math.round((low + high) / 2) : low * 2;
      if (rate <= low || rate >= high) break;
      const result = await offerRate(platform, db, rate, options.seconds, options.batch, event);
      lines.push(line(result, options.seconds));
      if (held(result)) low = rate;
      else high = rate;
    }
    lines.push(report(`highest rate held ${options.seconds} s with p99 < 1 s`, low, 'events/s', `searched below ${Number.isFinite(high) ? high : 'untested'} events/s; ${options.batch} events per request`));
    if (options.cpuProfDir) {
      for (const pid of [platform.pids.api, platform.pids.worker]) process.kill(pid, 'SIGUSR2');
      await sleep(3_000);
    }
  } finally {
    await db.close();
    await platform.stop();
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`\n${new Date().toISOString()}\n${(await benchEndToEnd(process.argv.slice(2))).join('\n')}`);
  process.exit(0);
}
