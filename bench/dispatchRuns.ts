import { listUndispatchedEvents, openDatabase, type Db } from '@lifecycle/db';
import { join } from 'node:path';
import type { BenchPlatform } from './endToEndPlatform';
import { cpuSeconds } from './memoryProbe';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bench's own connection to the platform's SQLite file (WAL: reads beside the API's writes). */
export function benchDb(platform: BenchPlatform): Db {
  return openDatabase(join(platform.dir, 'lifecycle.db'));
}

/** Polls until every stored event is dispatched. */
export async function untilDispatched(db: Db, pollMs = 50): Promise<void> {
  while ((await listUndispatchedEvents(db, 1)).length > 0) await sleep(pollMs);
}

/** Polls until `pid` used under `cpuShare` of a core over a 2 s window: the worker has caught up. */
export async function untilQuiet(pid: number, cpuShare = 0.1): Promise<void> {
  for (;;) {
    const before = cpuSeconds(pid);
    await sleep(2_000);
    if (cpuSeconds(pid) - before < 2 * cpuShare) return;
  }
}

/** Publishes "start_wait → wait 30 days → exit" (entered once per customer) and returns the journey id. */
export async function publishWaitJourney(platform: BenchPlatform): Promise<string> {
  const draft = {
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'start_wait', reentry: { policy: 'once' } },
      { id: 'wait', type: 'wait', duration: { amount: 30, unit: 'days' } },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'wait' },
      { id: 'e2', source: 'wait', sourceExit: 'next', target: 'done' },
    ],
  };
  const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Bench wait', draft });
  await platform.client.call('POST', `/api/journeys/${journey.id}/publish`);
  return journey.id;
}

/**
 * Customers `w<from>…w<to-1>` enter the wait journey through POST /v1/batch (the dispatcher starts their runs); resolves
 * once every event is dispatched and the worker has run them to the wait.
 */
export async function startWaitingRuns(platform: BenchPlatform, db: Db, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += 500) {
    const batch = Array.from({ length: Math.min(500, to - start) }, (_, i) => ({ type: 'track', userId: `w${start + i}`, event: 'start_wait', messageId: `start-w${start + i}` }));
    await platform.batch(batch);
  }
  await untilDispatched(db, 500);
  await untilQuiet(platform.pids.worker);
}
