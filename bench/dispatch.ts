import { Client, Connection } from '@temporalio/client';
import { journeyRunId } from '@lifecycle/workflows/ids';
import { customerEventSignal } from '@lifecycle/workflows/messages';
import { benchDb, publishWaitJourney, startWaitingRuns, untilDispatched, untilQuiet } from './dispatchRuns';
import { startBenchPlatform } from './endToEndPlatform';
import { inFlight, report } from './figures';
import { loadAverage } from './memoryProbe';

// Events routed into runs already waiting (signals) per second, through the real path (POST /v1/batch → stored →
// dispatcher → Temporal signal), against Temporal's own signal rate: a bare client signalling the same waiting runs
// with the same payload, as many at once as the dispatcher (16), on the same server and worker. Rounds alternate bare,
// dispatcher, bare, dispatcher…; each waits for the worker to go quiet first. `node --import tsx bench/dispatch.ts
// [--runs 10000] [--events 3000] [--rounds 2]`.

const GOAL = 0.7;
const DISPATCH_CONCURRENCY = 16;

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function benchDispatch(args: string[] = []): Promise<string[]> {
  const runs = option(args, '--runs', 10_000);
  const events = option(args, '--events', 3_000);
  const rounds = option(args, '--rounds', 2);
  const platform = await startBenchPlatform();
  const db = benchDb(platform);
  const connection = await Connection.connect({ address: platform.temporal.address });
  try {
    const journeyId = await publishWaitJourney(platform);
    const setupBegan = performance.now();
    await startWaitingRuns(platform, db, 0, runs);
    const setupSeconds = (performance.now() - setupBegan) / 1000;
    const client = new Client({ connection });
    const customer = (k: number) => `w${(k * 7919) % runs}`; // spread over every waiting run, a different one each time

    async function bare(round: number): Promise<number> {
      const began = performance.now();
      await inFlight(events, DISPATCH_CONCURRENCY, (k) =>
        client.workflow.getHandle(journeyRunId(journeyId, customer(k), 'once')).signal(customerEventSignal, { id: `bare-${round}-${k}`, name: 'ping', properties: { k }, timestamp: new Date().toISOString() }),
      );
      return events / ((performance.now() - began) / 1000);
    }
    async function dispatched(round: number): Promise<number> {
      const began = performance.now();
      await inFlight(Math.ceil(events / 100), 4, (b) =>
        platform.batch(Array.from({ length: Math.min(100, events - b * 100) }, (_, i) => ({ type: 'track', userId: customer(b * 100 + i), event: 'ping', properties: { k: b * 100 + i }, messageId: `ping-${round}-${b * 100 + i}` }))),
      );
      await untilDispatched(db, 20);
      return events / ((performance.now() - began) / 1000);
    }

    const bareRates: number[] = [];
    const dispatchRates: number[] = [];
    const loads: string[] = [];
    for (let round = 0; round < rounds; round++) {
      await untilQuiet(platform.pids.worker);
      bareRates.push(await bare(round));
      await untilQuiet(platform.pids.worker);
      dispatchRates.push(await dispatched(round));
      loads.push(loadAverage().split(' ')[0] ?? '');
    }
    const ratio = median(dispatchRates) / median(bareRates);
    const context = `${runs} runs waiting (started in ${setupSeconds.toFixed(0)} s), ${events} events × ${rounds} rounds, load ${loads.join('/')}`;
    return [
      report('Temporal signals/s, bare client (16 at once)', median(bareRates), 'signals/s', `rounds ${bareRates.map((r) => r.toFixed(0)).join(', ')}; ${context}`),
      report('events dispatched into waiting runs /s', median(dispatchRates), 'events/s', `rounds ${dispatchRates.map((r) => r.toFixed(0)).join(', ')}; /v1/batch → dispatcher → signal`),
      report('dispatch / bare signals', ratio, '×', `goal ≥ ${GOAL}: ${ratio >= GOAL ? 'MET' : 'MISSED'}`),
    ];
  } finally {
    await connection.close();
    await db.close();
    await platform.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`\n${new Date().toISOString()}\n${(await benchDispatch(process.argv.slice(2))).join('\n')}`);
  process.exit(0);
}
