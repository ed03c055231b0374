import { join } from 'node:path';
import { startApiProcess, startTemporalDevServer, tempDir } from '../tests/support/processes';
import { inFlight, report } from './figures';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const IN_FLIGHT = Number(process.env.BENCH_INGEST_IN_FLIGHT ?? 4);
const WRITE_KEY = 'wk_bench_0123456789abcdef';

/** Events per second through POST /v1/batch on a real API process (SQLite file, WAL), every event stored before the answer. */
export async function benchIngest(): Promise<string[]> {
  const dir = tempDir('lifecycle-bench-');
  const temporal = await startTemporalDevServer({ dbFile: join(dir, 'temporal.db') });
  const api = await startApiProcess({ DATABASE_PATH: join(dir, 'lifecycle.db'), TEMPORAL_ADDRESS: temporal.address, WRITE_KEY, TRACKING_SECRET: 'bench-secret-0123456789abcdef', INGEST_RATE_PER_SECOND: '1000000', INGEST_BURST: '1000000' });
  const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  const batches = Math.ceil(EVENTS / BATCH);
  const stamp = Date.now();

  const began = performance.now();
  await inFlight(batches, IN_FLIGHT, async (b) => {
    const batch = Array.from({ length: BATCH }, (_, i) => ({
      type: 'track',
      userId: `user-${(b * BATCH + i) % 5000}`,
      event: 'page_viewed',
      properties: { path: `/docs/${i}`, referrer: 'https://example.com' },
      messageId: `bench-${stamp}-${b}-${i}`,
    }));
    const response = await fetch(`${api.url}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
    if (!response.ok) throw new Error(`batch ${b}: ${response.status} ${await response.text()}`);
  });
  const seconds = (performance.now() - began) / 1000;

  await api.stop();
  await temporal.stop();
  return [report('events ingested through /v1/batch', (batches * BATCH) / seconds, 'events/s', `${batches} batches of ${BATCH}, ${IN_FLIGHT} in flight`)];
}
