import { addMembership, changeStage, loadAnalyticsSettings, openDatabase, type RawParams, type RawStatement } from '@lifecycle/db';
import { recordValueEvent } from '../../packages/db/src/analytics/valueRollup';

// `node --import tsx bench/analytics/valueGroupTriggerCost.ts FILE [ops]`: what migration 0045's triggers add to the
// writes ingest and the app make — one segment join, one stage move, one purchase — timed per write in CPU µs (the machine is shared: wall time measures the neighbours) with the
// triggers and with them dropped, alternating rounds, inside a transaction that is rolled back (the file ends as it was).
const [file, opsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: valueGroupTriggerCost.ts FILE [ops]');
const ops = Number(opsArg ?? 300);
const db = openDatabase(file);
const settings = await loadAnalyticsSettings(db);
const revenueEvent = settings.revenue.events[0] ?? 'purchase';
const segment = (await db.prepare('SELECT segment_id FROM segment_memberships GROUP BY 1 ORDER BY count(*) LIMIT 1').pluck().get()) as string;
const ids = await db.prepare(`SELECT f.customer_id FROM customer_facts f WHERE f.channel IS NOT NULL AND NOT EXISTS (SELECT 1 FROM segment_memberships m WHERE m.segment_id = ? AND m.customer_id = f.customer_id) ORDER BY random() LIMIT ?`).pluck().all<string>(segment, ops * 8);
const triggers = await db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'value_groups_%'`).all<{ name: string; sql: string }>();
console.log(file, { segment, customers: ids.length, triggers: triggers.length });
const writes: Record<string, (id: string, n: number) => Promise<unknown>> = {
  'segment join': async (id, n) => await addMembership(db, segment, id, new Date(Date.UTC(2026, 10, 1) + n).toISOString()),
  'stage move': async (id, n) => await changeStage(db, { customerId: id, to: n % 2 ? 'retention' : 'at_risk', cause: 'bench', at: new Date(Date.UTC(2026, 10, 29) + n).toISOString() }),
  purchase: async (id, n) =>
    await recordValueEvent(db, settings, { id: `bench-${n}`, type: 'track', name: revenueEvent, customerId: id, properties: { revenue: 25, currency: settings.revenue.baseCurrency }, traits: null, timestamp: new Date(Date.UTC(2026, 10, 28) + n).toISOString() }),
};
const warm = db.prepare(`SELECT (SELECT count(*) FROM customers WHERE id = ?) + (SELECT count(*) FROM customer_facts WHERE customer_id = ?)
  + (SELECT count(*) FROM segment_memberships WHERE customer_id = ?) + (SELECT count(*) FROM customer_value WHERE customer_id = ?)`);
/** Thrown to end a transaction (or, nested, a savepoint) with a rollback. */
class RolledBack extends Error {}
/** Runs `work` in a transaction (a savepoint inside one) that is then rolled back. */
async function rolledBack(work: () => Promise<unknown>): Promise<void> {
  try {
    await db.transaction(async () => {
      await work();
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
}
const totals = new Map<string, number[]>();
let next = 0;
for (let round = 0; round < 6; round++) {
  const withTriggers = round % 2 === 0;
  // Dropped and recreated outside the timed transaction: a schema change inside it would make every savepoint
  // rollback reload the schema.
  if (!withTriggers) for (const trigger of triggers) await db.exec(`DROP TRIGGER ${trigger.name}`);
  try {
    await rolledBack(async () => {
      for (const [name, write] of Object.entries(writes)) {
        let spent = 0n;
        for (let i = 0; i < ops / 2; i++) {
          const id = ids[next++ % ids.length]!;
          // Ingest has just read this customer's rows when it writes: the same write (undone) first brings every page
          // the triggers read into the cache, so the timed one measures work, not disk reads.
          await warm.all(id, id, id, id);
          await rolledBack(() => write(id, next + 1));
          const began = process.cpuUsage();
          await write(id, next);
          const used = process.cpuUsage(began);
          spent += BigInt(used.user + used.system);
        }
        const key = `${name} ${withTriggers ? 'with' : 'without'}`;
        totals.set(key, [...(totals.get(key) ?? []), Number(spent) / (ops / 2)]);
      }
    });
  } finally {
    if (!withTriggers) for (const trigger of triggers) await db.exec(trigger.sql);
  }
}
for (const name of Object.keys(writes)) {
  const mean = (key: string) => { const values = totals.get(key)!; return values.reduce((a, b) => a + b, 0) / values.length; };
  const on = mean(`${name} with`);
  const off = mean(`${name} without`);
  console.log(`${name.padEnd(13)} with 0045 ${on.toFixed(0).padStart(5)} µs  without ${off.toFixed(0).padStart(5)} µs  added ${(on - off).toFixed(0).padStart(5)} CPU µs per write`);
}

// The trigger bodies alone, as statements on warm customers (same transaction discipline): the precise part of the
// cost, free of the other triggers' noise. Substituted so each changes nothing net (a 0 revenue difference, a move to
// the same stage) but does all its reads and upserts.
const body = (name: string, params: [RegExp, string][]) => {
  const text = triggers.find((trigger) => trigger.name === name)!.sql.replace(/^[\s\S]*?BEGIN/, '').replace(/END;?\s*$/, '');
  return db.prepare(params.reduce((sql, [pattern, value]) => sql.replace(pattern, value), text).trim());
};
const bodies: Record<string, [RawStatement, (id: string) => RawParams]> = {
  'segment join': [body('value_groups_member_insert', [[/NEW\.`customer_id`/g, '@id'], [/NEW\.`segment_id`/g, '@other']]), (id) => [{ id, other: segment }]],
  'stage move': [body('value_groups_customer_stage', [[/NEW\.`id`/g, '@id'], [/(OLD|NEW)\.`lifecycle_stage`/g, '@other']]), (id) => [{ id, other: 'retention' }]],
  purchase: [body('value_groups_value_update', [[/NEW\.`customer_id`/g, '@id'], [/NEW\.`revenue` - OLD\.`revenue`/g, '0']]), (id) => [{ id }]],
};
await rolledBack(async () => {
  for (const [name, [statement, params]] of Object.entries(bodies)) {
    let spent = 0;
    for (let i = 0; i < ops; i++) {
      const id = ids[i % ids.length]!;
      await statement.run(...params(id));
      const began = process.cpuUsage();
      await statement.run(...params(id));
      const used = process.cpuUsage(began);
      spent += used.user + used.system;
    }
    console.log(`${name.padEnd(13)} its 0045 trigger body alone ${(spent / ops).toFixed(0).padStart(5)} CPU µs (${ops} warm runs)`);
  }
});
await db.close();
