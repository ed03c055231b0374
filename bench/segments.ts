import { join } from 'node:path';
import { explainListCustomers, insertSegment, listCustomers, openDatabase, type Db } from '@lifecycle/db';
import type { SegmentGroup } from '@lifecycle/journey';
import { evaluateCustomerSegments, loadSegments, previewSegment } from '../apps/api/src/services/segmentMembership';
import { tempDir } from '../tests/support/processes';
import { report } from './figures';

// Segment re-evaluation cost per event at 100k and 1M customers (rows generated with raw SQL in a temp DB),
// plus the customers list's keyset page and a segment preview (full count) at that size.
// `node --import tsx bench/segments.ts [sizes…]`.
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const SIZES = sizes.length > 0 ? sizes : [100_000, 1_000_000];
const EVALS = 2_000;

const definitions: Record<string, SegmentGroup> = {
  pro: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] },
  active_week: { match: 'all', conditions: [{ kind: 'event', event: 'login', op: 'happened', within: { amount: 7, unit: 'days' } }] },
  buyers: { match: 'all', conditions: [{ kind: 'event', event: 'purchase', op: 'count', count: { op: 'gte', value: 2 } }] },
  retained_openers: { match: 'all', conditions: [{ kind: 'stage', op: 'eq', value: 'retention' }, { kind: 'email', action: 'opened', op: 'happened', within: { amount: 30, unit: 'days' } }] },
  fr_or_vip: { match: 'any', conditions: [{ kind: 'trait', path: 'country', op: 'eq', value: 'FR' }, { kind: 'trait', path: 'vip', op: 'eq', value: true }] },
};

async function generate(db: Db, customers: number): Promise<void> {
  const now = Date.now();
  await db.exec(`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${customers})
    insert into customers (id, email, traits, lifecycle_stage)
    select printf('c%08d', i), printf('c%08d@example.com', i),
      json_object('plan', case i % 5 when 0 then 'pro' else 'free' end, 'country', case i % 7 when 0 then 'FR' else 'US' end, 'vip', json(case i % 50 when 0 then 'true' else 'false' end)),
      case i % 4 when 0 then 'retention' when 1 then 'engagement' else 'acquisition' end
    from n;
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${customers * 2})
    insert into events (id, message_id, type, name, customer_id, properties, timestamp, received_at)
    select printf('e%09d', i), printf('m%09d', i), 'track', case i % 3 when 0 then 'purchase' else 'login' end,
      printf('c%08d', 1 + abs(random()) % ${customers}), '{}',
      strftime('%Y-%m-%dT%H:%M:%fZ', ${now / 1000} - abs(random()) % (20 * 86400), 'unixepoch'), strftime('%Y-%m-%dT%H:%M:%fZ','now')
    from n;
  `);
}

const lines: string[] = [];
for (const size of SIZES) {
  const db = openDatabase(join(tempDir('lifecycle-bench-seg-'), 'segments.db'));
  let began = performance.now();
  await generate(db, size);
  console.log(`generated ${size} customers and ${size * 2} events in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  for (const [name, definition] of Object.entries(definitions)) await insertSegment(db, { id: name, name, description: null, definition });
  const segments = await loadSegments(db);

  began = performance.now();
  await db.transaction(async () => {
    for (let k = 0; k < EVALS; k++) await evaluateCustomerSegments(db, `c${String(1 + Math.floor(Math.random() * size)).padStart(8, '0')}`, segments);
  });
  const perEvent = (performance.now() - began) / EVALS;
  lines.push(report(`re-evaluate 5 segments for one customer @${size}`, perEvent * 1000, 'µs/event', `${(1000 / perEvent).toFixed(0)} customers/s`));

  const middle = `c${String(Math.floor(size / 2)).padStart(8, '0')}`;
  began = performance.now();
  const page = await listCustomers(db, { stage: 'retention', after: middle, limit: 51 });
  lines.push(report(`customers list page (stage filter, keyset) @${size}`, (performance.now() - began) * 1000, 'µs', `${page.length} rows; plan: ${(await explainListCustomers(db, { stage: 'retention', after: middle, limit: 51 })).join(' / ')}`));
  began = performance.now();
  await listCustomers(db, { q: 'c000412', limit: 51 });
  lines.push(report(`customers search (id/email prefix) @${size}`, (performance.now() - began) * 1000, 'µs'));
  began = performance.now();
  const preview = await previewSegment(db, definitions.retained_openers!);
  lines.push(report(`segment preview, stage + opened email @${size}`, performance.now() - began, 'ms', `size ${preview.size}`));
  began = performance.now();
  const active = await previewSegment(db, definitions.active_week!);
  lines.push(report(`segment preview, event in 7 days @${size}`, performance.now() - began, 'ms', `size ${active.size}`));
  // Trait conditions read every customer's traits: on SQLite each value goes through the in-code comparison.
  began = performance.now();
  const either = await previewSegment(db, definitions.fr_or_vip!);
  lines.push(report(`segment preview, two trait conditions @${size}`, performance.now() - began, 'ms', `size ${either.size}`));
  await db.close();
}
console.log(`\n${new Date().toISOString()}\n${lines.join('\n')}`);
process.exit(0);
