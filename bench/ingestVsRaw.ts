import { join } from 'node:path';
import { openSqliteFile } from '@lifecycle/db';
import { startApiProcess, tempDir } from '../tests/support/processes';
import { inFlight, report } from './figures';

// Events/s through POST /v1/batch (real API process: validation, identity links, stage rules, segment
// re-evaluation, store-before-answer) against a raw better-sqlite3 batched insert of the same rows into
// the same schema on the same machine. The ratio is the figure. `node --import tsx bench/ingestVsRaw.ts`.
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const IN_FLIGHT = Number(process.env.BENCH_INGEST_IN_FLIGHT ?? 4);
const WRITE_KEY = 'wk_bench_0123456789abcdef';
const batches = Math.ceil(EVENTS / BATCH);

function message(b: number, i: number, stamp: number) {
  return { type: 'track', userId: `user-${(b * BATCH + i) % 5000}`, event: 'page_viewed', properties: { path: `/docs/${i}`, referrer: 'https://example.com' }, messageId: `bench-${stamp}-${b}-${i}` };
}

async function throughApi(segments: number): Promise<number> {
  const dir = tempDir('lifecycle-bench-');
  const api = await startApiProcess({ DATABASE_PATH: join(dir, 'lifecycle.db'), TEMPORAL_ADDRESS: '127.0.0.1:1', WRITE_KEY, TRACKING_SECRET: 'bench-secret-0123456789abcdef', ADMIN_EMAIL: 'b@bench.test', ADMIN_PASSWORD: 'bench-password-0123456789' });
  try {
    if (segments > 0) {
      const { apiTokenFor } = await import('../tests/e2e/journeyClient');
      const token = await apiTokenFor(api.url, { email: 'b@bench.test', password: 'bench-password-0123456789' });
      const kinds = [
        { kind: 'trait', path: 'plan', op: 'eq', value: 'pro' },
        { kind: 'event', event: 'page_viewed', op: 'count', count: { op: 'gte', value: 3 }, within: { amount: 7, unit: 'days' } },
        { kind: 'stage', op: 'eq', value: 'retention' },
        { kind: 'email', action: 'opened', op: 'happened', within: { amount: 30, unit: 'days' } },
        { kind: 'event', event: 'purchase', op: 'not_happened' },
      ];
      for (let s = 0; s < segments; s++) {
        const response = await fetch(`${api.url}/api/segments`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: `s${s}`, definition: { match: 'all', conditions: [kinds[s % kinds.length]] } }) });
        if (!response.ok) throw new Error(`segment: ${response.status} ${await response.text()}`);
      }
    }
    const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
    const stamp = Date.now();
    const began = performance.now();
    await inFlight(batches, IN_FLIGHT, async (b) => {
      const batch = Array.from({ length: BATCH }, (_, i) => message(b, i, stamp));
      const response = await fetch(`${api.url}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
      if (!response.ok) throw new Error(`batch ${b}: ${response.status} ${await response.text()}`);
    });
    return (batches * BATCH) / ((performance.now() - began) / 1000);
  } finally {
    await api.stop();
  }
}

/** The same rows straight into the same table (same indexes), one transaction per batch. */
function rawInsert(): number {
  const db = openSqliteFile(join(tempDir('lifecycle-bench-raw-'), 'raw.db'));
  const insert = db.$client.prepare(
    `insert into events (id, message_id, write_key_id, type, name, customer_id, properties, context, timestamp, received_at) values (?, ?, ?, 'track', ?, ?, ?, null, ?, ?) on conflict(message_id) do nothing`,
  );
  const stamp = Date.now();
  const began = performance.now();
  for (let b = 0; b < batches; b++) {
    const now = new Date().toISOString();
    db.$client.transaction(() => {
      for (let i = 0; i < BATCH; i++) {
        const m = message(b, i, stamp);
        insert.run(`evt_${b}_${i}`, m.messageId, 'wk', m.event, m.userId, JSON.stringify(m.properties), now, now);
      }
    })();
  }
  const perSecond = (batches * BATCH) / ((performance.now() - began) / 1000);
  db.$client.close();
  return perSecond;
}

/**
 * What ingest must store before it answers, raw: per event the two alias reads (the user id and the anonymous id),
 * the event, the customer's row, their last-seen time and the analytics queue entry, one transaction per batch, by
 * statements prepared once. Ingest cannot beat it, so its ratio to `rawInsert` is the ceiling of the ingest ratio.
 */
function rawIngestRows(): number {
  const db = openSqliteFile(join(tempDir('lifecycle-bench-rows-'), 'rows.db'));
  const alias = db.$client.prepare('select customer_id from customer_aliases where alias_id = ?');
  const event = db.$client.prepare(
    `insert into events (id, message_id, write_key_id, type, name, customer_id, properties, context, timestamp, received_at) values (?, ?, ?, 'track', ?, ?, ?, null, ?, ?) on conflict(message_id) do nothing`,
  );
  const customer = db.$client.prepare('insert into customers (id) values (?) on conflict(id) do nothing');
  const seen = db.$client.prepare(
    'insert into customer_activity (customer_id, last_seen_at) values (?, ?) on conflict(customer_id) do update set last_seen_at = max(customer_activity.last_seen_at, excluded.last_seen_at)',
  );
  const queued = db.$client.prepare('insert into analytics_pending (event_id, queued_at, customer) values (?, ?, null)');
  const stamp = Date.now();
  const began = performance.now();
  for (let b = 0; b < batches; b++) {
    const now = new Date().toISOString();
    db.$client.transaction(() => {
      for (let i = 0; i < BATCH; i++) {
        const m = message(b, i, stamp);
        alias.get(m.userId);
        alias.get(`anon:${m.userId}`);
        customer.run(m.userId);
        event.run(`evt_${b}_${i}`, m.messageId, 'wk', m.event, m.userId, JSON.stringify(m.properties), now, now);
        seen.run(m.userId, now);
        queued.run(`evt_${b}_${i}`, now);
      }
    })();
  }
  const perSecond = (batches * BATCH) / ((performance.now() - began) / 1000);
  db.$client.close();
  return perSecond;
}

const raw = rawInsert();
const rows = rawIngestRows();
const api = await throughApi(0);
const withSegments = await throughApi(5);
console.log(`\n${new Date().toISOString()} · ${EVENTS} events in batches of ${BATCH}, ${IN_FLIGHT} in flight`);
report('raw better-sqlite3 batched insert', raw, 'events/s');
report('raw: the rows ingest stores per event', rows, 'events/s', `ceiling of the ingest ratio: ${(rows / raw).toFixed(2)}x the raw insert`);
report('POST /v1/batch (no segments)', api, 'events/s', `raw/api = ${(raw / api).toFixed(1)}x`);
report('POST /v1/batch (5 segments)', withSegments, 'events/s', `raw/api = ${(raw / withSegments).toFixed(1)}x`);
process.exit(0);
