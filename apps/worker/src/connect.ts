import type { TemporalConnection } from '@lifecycle/temporal-connection';
import { NativeConnection } from '@temporalio/worker';
import { setTimeout as sleep } from 'node:timers/promises';

/** Connects to Temporal, retrying every second (and saying so) until the server answers or `signal` aborts. */
export async function connectWithRetry(temporal: TemporalConnection, signal: AbortSignal): Promise<NativeConnection> {
  const { address } = temporal.sdk;
  for (let attempt = 1; ; attempt++) {
    try {
      return await NativeConnection.connect(temporal.sdk);
    } catch (error) {
      if (signal.aborted) throw error;
      if (attempt === 1 || attempt % 10 === 0) {
        console.log(`worker: waiting for Temporal at ${address} (${(error as Error).message.split('\n')[0]})`);
      }
      await sleep(1_000, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) throw new Error('shutdown while waiting for Temporal');
    }
  }
}
