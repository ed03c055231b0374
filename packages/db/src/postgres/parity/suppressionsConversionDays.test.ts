import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { numberPlaceholders, openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// Migration 0034's triggers (migrations-pg/0006: customers.suppressed follows the suppression list on insert and on an
// email change) and 0038's (migrations-pg/0009: converted runs per filter key, day and version, kept from
// journey_conversion_rows, which 0030's triggers write from conversions, revenue and segment and channel moves).

const START = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** Addresses in the forms customers are stored with (case and spaces as typed); suppressions hold them lower-cased. */
const ADDRESSES = ['ann@example.com', 'bob@example.com', 'cy@example.org', 'dee@example.net', 'eve@example.com', 'fay@example.org'];
const typed = (address: string, random: () => number) =>
  random() < 0.3 ? address.toUpperCase() : random() < 0.2 ? ` ${address} ` : address;

/**
 * The suppression list at work (queries/suppressions.ts): addresses suppressed and flagged, suppressions removed and
 * unflagged, customers created with or moved to a suppressed address (in any case, with spaces), moved off one, to
 * NULL and back, to the same address, flagged by hand, merged (the survivor keeps its email, the flag is the max) and
 * deleted.
 */
async function suppressionHistory(dual: DualDatabase, seed: number, steps: number): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const customers: string[] = [];
  let now = START;
  let made = 0;
  let suppressionId = 0;
  const active = (address: string) =>
    (dual.sqlite.prepare('SELECT id FROM suppressions WHERE address = ? AND removed_at IS NULL').get(address) as { id: string } | undefined)
      ?.id;
  const emailOf = (id: string) =>
    (dual.sqlite.prepare('SELECT email FROM customers WHERE id = ?').get(id) as { email: string | null } | undefined)?.email;

  for (let step = 0; step < steps; step += 1) {
    now += Math.floor(random() * HOUR);
    const roll = random();
    const address = pick(ADDRESSES);
    if (roll < 0.12) {
      // suppressAddressInTransaction: the list row, then every customer with that address flagged.
      if (active(address)) continue;
      await dual.run(
        'INSERT INTO suppressions (id, address, reason, source, detail, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          `sup_${++suppressionId}`,
          address,
          pick(['hard_bounce', 'complaint', 'manual']),
          pick(['smtp', 'webhook', 'admin']),
          null,
          iso(now),
          'usr_admin',
        ],
      );
      await dual.run('UPDATE customers SET suppressed = ?, updated_at = ? WHERE lower(email) = ? AND suppressed = ?', [
        1,
        iso(now),
        address,
        0,
      ]);
    } else if (roll < 0.2) {
      // removeSuppression: the row stamped, the customers with the address unflagged.
      const id = active(address);
      if (!id) continue;
      await dual.run('UPDATE suppressions SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL', [
        iso(now),
        'usr_admin',
        id,
      ]);
      await dual.run('UPDATE customers SET suppressed = ?, updated_at = ? WHERE lower(email) = ? AND suppressed = ?', [
        0,
        iso(now),
        address,
        1,
      ]);
    } else if (roll < 0.45 || customers.length < 5) {
      // A customer created: with an address (suppressed or not), without one, or already flagged.
      const id = `cus_${++made}`;
      customers.push(id);
      const email = random() < 0.15 ? null : random() < 0.2 ? `new${made}@example.com` : typed(address, random);
      await dual.run('INSERT INTO customers (id, email, suppressed, created_at, updated_at) VALUES (?, ?, ?, ?, ?)', [
        id,
        email,
        random() < 0.1 ? 1 : 0,
        iso(now),
        iso(now),
      ]);
    } else if (roll < 0.75) {
      // An email change: to another (maybe suppressed) address, to the same one in another case, to NULL, or unchanged.
      const id = pick(customers);
      const current = emailOf(id);
      const kind = random();
      const email =
        kind < 0.6 ? typed(address, random) : kind < 0.7 ? (current?.toUpperCase() ?? null) : kind < 0.85 ? null : (current ?? null);
      await dual.run('UPDATE customers SET email = ?, updated_at = ? WHERE id = ?', [email, iso(now), id]);
    } else if (roll < 0.85) {
      // Flagged or unflagged by hand (customerRecords.ts).
      await dual.run('UPDATE customers SET suppressed = ?, updated_at = ? WHERE id = ?', [
        random() < 0.5 ? 1 : 0,
        iso(now),
        pick(customers),
      ]);
    } else if (roll < 0.93) {
      // mergeCustomerRows' upsert of the survivor: its email kept (or the merged one's when it had none), the flag the max.
      const [from, into] = [pick(customers), pick(customers)];
      if (from === into) continue;
      const row = dual.sqlite.prepare('SELECT email, suppressed, created_at FROM customers WHERE id = ?').get(from) as {
        email: string | null;
        suppressed: number;
        created_at: string;
      };
      await dual.run(
        `INSERT INTO customers (id, email, suppressed, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET email = coalesce(customers.email, excluded.email),
           suppressed = CASE WHEN excluded.suppressed > customers.suppressed THEN excluded.suppressed ELSE customers.suppressed END, updated_at = excluded.updated_at`,
        [into, row.email, row.suppressed, row.created_at, iso(now)],
      );
      await dual.run('DELETE FROM customers WHERE id = ?', [from]);
      customers.splice(customers.indexOf(from), 1);
    } else {
      const id = pick(customers);
      await dual.run('DELETE FROM customers WHERE id = ?', [id]);
      customers.splice(customers.indexOf(id), 1);
    }
  }
}

const CHANNELS = [null, 'google', 'facebook'];
const SEGMENTS = ['seg_a', 'seg_b'];
const VERSIONS = [
  ['j1', 'v1'],
  ['j1', 'v2'],
  ['j2', 'v3'],
] as const;
const CONVERSION_ROW = 'filter_key, workflow_id, journey_id, version_id, customer_id, started_at, seconds, revenue';

/**
 * journeysRandomHistory.ts's history, written portably: customers with channels and segments, runs with goal windows
 * whose revenue moves, conversions recorded and removed, then channel and segment moves; plus a converted run's rows
 * replaced in place (SQLite's INSERT OR REPLACE; Postgres's DELETE then INSERT, as 0005 writes it, or ON CONFLICT DO
 * UPDATE), and rows edited directly on each watched column, or on none.
 */
async function conversionHistory(dual: DualDatabase, seed: number, runCount: number, check: () => Promise<void>): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const at = () => START + Math.floor(random() * 60 * DAY) + Math.floor(random() * 1000);
  const customers = Array.from({ length: 30 }, (_, n) => `c${n}`);
  await dual.run(
    `INSERT INTO journeys (id, name, draft, created_at, updated_at) VALUES ('j1', 'One', '{}', ?, ?), ('j2', 'Two', '{}', ?, ?)`,
    [iso(START), iso(START), iso(START), iso(START)],
  );
  for (const id of customers)
    await dual.run('INSERT INTO customers (id, created_at, updated_at) VALUES (?, ?, ?)', [id, iso(START), iso(START)]);
  const setChannel = (id: string, channel: string | null) =>
    dual.run(
      'INSERT INTO customer_facts (customer_id, first_seen_at, channel) VALUES (?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET channel = excluded.channel',
      [id, '2025-12-01T00:00:00.000Z', channel],
    );
  const join = (segment: string, id: string, when: string) =>
    dual.run('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
      segment,
      id,
      when,
    ]);
  for (const id of customers) {
    if (random() < 0.8) await setChannel(id, pick(CHANNELS));
    for (const segment of SEGMENTS) if (random() < 0.4) await join(segment, id, '2025-12-01T00:00:00.000Z');
  }
  type Run = { id: string; journey: string; version: string; customer: string; started: number };
  const runs: Run[] = [];
  const convert = (run: Run, hours: number) =>
    dual.run(
      'INSERT INTO run_conversions (workflow_id, journey_id, version_id, customer_id, started_at, converted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workflow_id) DO NOTHING',
      [run.id, run.journey, run.version, run.customer, iso(run.started), iso(run.started + hours * HOUR + Math.floor(random() * 1000))],
    );
  const addRevenue = (run: Run, amount: number) =>
    dual.run('UPDATE journey_run_windows SET revenue = revenue + ? WHERE workflow_id = ?', [amount, run.id]);

  for (let n = 0; n < runCount; n += 1) {
    if (n > 0 && n % 100 === 0) await check();
    const [journey, version] = pick(VERSIONS);
    const run: Run = { id: `w${n}`, journey, version, customer: pick(customers), started: at() };
    runs.push(run);
    await dual.run(
      "INSERT INTO runs (workflow_id, journey_id, version_id, customer_id, status, started_at, updated_at) VALUES (?, ?, ?, ?, 'running', ?, ?)",
      [run.id, journey, version, run.customer, iso(run.started), iso(run.started)],
    );
    if (random() < 0.7) {
      await dual.run(
        "INSERT INTO journey_run_windows (workflow_id, journey_id, version_id, customer_id, goal_event, started_at, window_ends_at) VALUES (?, ?, ?, ?, 'purchase', ?, '2027-01-01T00:00:00.000Z') ON CONFLICT DO NOTHING",
        [run.id, journey, version, run.customer, iso(run.started)],
      );
    }
    if (random() < 0.7)
      await dual.run('UPDATE runs SET status = ?, updated_at = ? WHERE workflow_id = ?', [
        pick(['completed', 'failed', 'waiting']),
        iso(run.started + HOUR),
        run.id,
      ]);
    if (random() < 0.35) await convert(run, Math.floor(random() * 20));
    if (random() < 0.5) await addRevenue(run, Math.round(random() * 10_000) / 100);
  }
  // After the facts: customers move between segments and channels, more conversions and revenue, conversions removed.
  for (let n = 0; n < runCount / 3; n += 1) {
    const customer = pick(customers);
    const move = random();
    if (move < 0.3) await setChannel(customer, pick(CHANNELS));
    else if (move < 0.4) await dual.run('DELETE FROM customer_facts WHERE customer_id = ?', [customer]);
    else if (move < 0.7) await join(pick(SEGMENTS), customer, '2026-03-01T00:00:00.000Z');
    else await dual.run('DELETE FROM segment_memberships WHERE segment_id = ? AND customer_id = ?', [pick(SEGMENTS), customer]);
    const run = pick(runs);
    if (random() < 0.3) await dual.run('DELETE FROM run_conversions WHERE workflow_id = ?', [run.id]);
    await convert(run, 5);
    if (random() < 0.2) await dual.run('DELETE FROM journey_run_windows WHERE workflow_id = ?', [run.id]);
    else await addRevenue(run, 7.25);
  }
  await check();
  // A converted run's rows written again over themselves with new revenue: counted once, with the new revenue.
  const converted = dual.sqlite
    .prepare("SELECT DISTINCT workflow_id AS id FROM journey_conversion_rows WHERE filter_key = '*' ORDER BY workflow_id")
    .pluck()
    .all() as string[];
  for (const [n, workflowId] of converted.slice(0, 12).entries()) {
    const revenue = Math.round(random() * 5_000) / 100;
    const copy = `SELECT filter_key, workflow_id, journey_id, version_id, customer_id, started_at, seconds, ? FROM journey_conversion_rows WHERE workflow_id = ?`;
    dual.sqlite.prepare(`INSERT OR REPLACE INTO journey_conversion_rows (${CONVERSION_ROW}) ${copy}`).run(revenue, workflowId);
    if (n % 2 === 0) {
      // 0005's form of the REPLACE: the replaced rows deleted (conversion_days_removed), then inserted (_added).
      const client = await dual.pg.connect();
      try {
        await client.query('BEGIN');
        await client.query(`CREATE TEMP TABLE replaced ON COMMIT DROP AS ${numberPlaceholders(copy.replace('?', '?::double precision'))}`, [
          revenue,
          workflowId,
        ]);
        await client.query('DELETE FROM journey_conversion_rows WHERE workflow_id = $1', [workflowId]);
        await client.query(`INSERT INTO journey_conversion_rows (${CONVERSION_ROW}) SELECT * FROM replaced`);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    } else {
      // The upsert form: the conflicting rows updated in place (conversion_days_changed, nothing from _replaced).
      await dual.pg.query(
        `INSERT INTO journey_conversion_rows (${CONVERSION_ROW}) ${numberPlaceholders(copy.replace('?', '?::double precision'))}
         ON CONFLICT (workflow_id, filter_key) DO UPDATE SET journey_id = excluded.journey_id, version_id = excluded.version_id, customer_id = excluded.customer_id,
           started_at = excluded.started_at, seconds = excluded.seconds, revenue = excluded.revenue`,
        [revenue, workflowId],
      );
    }
  }
  // Direct edits of each watched column of a converted run's rows, and of an unwatched one (a merge moving customer_id).
  for (const [n, workflowId] of converted.slice(12, 24).entries()) {
    const edits: [set: string, value: unknown, only?: string][] = [
      ['started_at = ?', iso(at())],
      ['version_id = ?', pick(VERSIONS)[1]],
      ['journey_id = ?', pick(VERSIONS)[0]],
      ['revenue = ?', Math.round(random() * 3_000) / 100],
      ['filter_key = filter_key || ?', '|edited', " AND filter_key <> '*'"],
      ['customer_id = ?', pick(customers)],
      ['revenue = revenue, seconds = seconds + ?', 1],
    ];
    const [set, value, only = ''] = edits[n % edits.length]!;
    await dual.run(`UPDATE journey_conversion_rows SET ${set} WHERE workflow_id = ?${only}`, [value, workflowId]);
  }
}

describe('migrations 0034 and 0038 on Postgres (suppressed customers, converted-run days)', () => {
  let dual: DualDatabase;

  beforeAll(async () => {
    dual = await openDualOnOwnCluster('suppressions_conversion_days');
  });

  afterAll(async () => {
    await dual?.close();
  });

  const count = async (statement: string) => {
    const { sqlite, postgres } = await dual.query(statement);
    expect(postgres).toEqual(sqlite);
    return (sqlite[0] as { n: number }).n;
  };

  it('flags the same customers as SQLite through suppressions, removals, email changes, merges and deletions', async () => {
    await suppressionHistory(dual, 34, 500);
    expect(await dual.differences()).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM customers WHERE CAST(suppressed AS integer) = 1')).toBeGreaterThan(5);
    expect(await count('SELECT count(*) AS n FROM customers WHERE CAST(suppressed AS integer) = 0 AND email IS NOT NULL')).toBeGreaterThan(
      5,
    );
    expect(await count('SELECT count(*) AS n FROM suppressions WHERE removed_at IS NOT NULL')).toBeGreaterThan(3);
  }, 60_000);

  it('keeps the same converted-run days as SQLite through conversions, revenue, key moves and replaced rows', async () => {
    await conversionHistory(dual, 38, 300, async () => expect(await dual.differences()).toEqual([]));
    expect(await dual.differences()).toEqual([]);
    expect(await count("SELECT count(*) AS n FROM journey_conversion_days WHERE filter_key = '*' AND converted > 0")).toBeGreaterThan(20);
    expect(
      await count("SELECT count(*) AS n FROM journey_conversion_days WHERE filter_key LIKE 's:%|c:%' AND converted > 0"),
    ).toBeGreaterThan(5);
    expect(await count('SELECT count(*) AS n FROM journey_conversion_days WHERE converted = 0')).toBeGreaterThan(5);
    expect(await count('SELECT count(*) AS n FROM journey_conversion_days WHERE revenue > 0')).toBeGreaterThan(10);
  }, 90_000);
});
