import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// The rollups kept from stage history, memberships and first-touch channels, on one workload:
// - migration 0039's triggers (migrations-pg/0010): each customer's flows into and out of the customer stages per day,
//   week and month (retention_customer_periods), summed per segment and channel scope (retention_scope_periods);
// - migration 0040's (migrations-pg/0011): each customer-month's start stage and stages entered
//   (customer_stage_months), counted per scope (value_churn_scopes).

const STAGES = ['lead', 'trial', 'retention', 'advocacy', 'at_risk', 'churned', 'won_back'];
const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['ads', 'news'];
const DAY = 86_400_000;
const INACTIVITY_DAYS = 14;

/** The counters whose cells at 0 may differ once customers were deleted or merged, each with what a counting cell is. */
const COUNTERS = [
  ['retention_scope_periods', 'joined <> 0 OR departed <> 0 OR stage_churned <> 0 OR customers <> 0'],
  ['value_churn_scopes', 'customers <> 0'],
] as const;

// retentionFlowsSql.ts's BACKFILL_SCOPES with its boolean sums written as CASEs: everyone, and each customer's keys.
const BACKFILL_SCOPES = `INSERT INTO retention_scope_periods (segment_id, channel, "interval", period, inactive_day, joined, departed, stage_churned, customers)
  SELECT s.segment_id, s.channel, p."interval", p.period, p.inactive_day, sum(CASE WHEN p.flow = 1 THEN 1 ELSE 0 END), sum(CASE WHEN p.flow = -1 THEN 1 ELSE 0 END), sum(p.stage_churn), count(*)
  FROM retention_customer_periods p JOIN (SELECT customer_id, segment_id, channel FROM stage_customer_keys) s ON s.customer_id = p.customer_id
  GROUP BY 1, 2, 3, 4, 5
  UNION ALL SELECT '', '', "interval", period, inactive_day, sum(CASE WHEN flow = 1 THEN 1 ELSE 0 END), sum(CASE WHEN flow = -1 THEN 1 ELSE 0 END), sum(stage_churn), count(*)
  FROM retention_customer_periods GROUP BY 3, 4, 5`;

/**
 * Jan–Jun 2026; one in eight exactly at midnight (a period bound) and one in sixteen at a month's first midnight, so
 * "before the bound" is exercised.
 */
function instant(random: () => number): string {
  const roll = random();
  if (roll < 0.0625) return new Date(Date.UTC(2026, Math.floor(random() * 6), 1)).toISOString();
  const day = Date.UTC(2026, 0, 1) + Math.floor(random() * 170) * DAY;
  return new Date(roll < 0.1875 ? day : day + Math.floor(random() * DAY)).toISOString();
}

const addDays = (day: string, days: number) => new Date(Date.parse(day) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/**
 * A random history written as the product writes it (retentionFlows.test.ts's, on both backends): stage changes now
 * (the previous stay closed, then the move) and backfilled raw rows (out of time order, equal timestamps, from no
 * stage), memberships joined, left and saved set-based, first-touch channels found, changed and forgotten, active
 * days splitting inactivity gaps (retentionChurnRollup.recordActiveDay), edits of each watched stage_history column,
 * the latest move undone, customers deleted (their rows in one statement each) and merged (mergeStageHistory).
 */
class History {
  private readonly random: () => number;
  private readonly ids: string[];
  private readonly stage = new Map<string, string>();
  private readonly activeDays = new Map<string, Set<string>>();
  private historyId = 0;

  constructor(
    private readonly dual: DualDatabase,
    seed: number,
    customers: number,
  ) {
    this.random = seededRandom(seed);
    this.ids = Array.from({ length: customers }, (_, i) => `c${i}`);
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)]!;
  }

  /** queries/lifecycle.ts changeStage: nothing when already there; the open stay closed, then the move stored. */
  async changeStage(customer: string, to: string, at: string): Promise<void> {
    const from = this.stage.get(customer) ?? null;
    if (from === to) return;
    this.stage.set(customer, to);
    await this.dual.run('UPDATE stage_history SET left_at = ? WHERE customer_id = ? AND left_at IS NULL', [at, customer]);
    await this.dual.run('INSERT INTO stage_history (id, customer_id, from_stage, to_stage, cause, at) VALUES (?, ?, ?, ?, ?, ?)', [
      ++this.historyId,
      customer,
      from,
      to,
      'test',
      at,
    ]);
  }

  /** retentionChurnRollup.ts recordActiveDay: the new day splits the gap between its neighbours. */
  async activeDay(customer: string, day: string): Promise<void> {
    const days = this.activeDays.get(customer) ?? new Set<string>();
    if (days.has(day)) return;
    const sorted = [...days].sort();
    const previous = sorted.filter((other) => other < day).at(-1);
    const next = sorted.find((other) => other > day);
    days.add(day);
    this.activeDays.set(customer, days);
    const churn = (last: string) =>
      this.dual.run('INSERT INTO customer_inactivity_churns (customer_id, last_day, churn_day) VALUES (?, ?, ?)', [
        customer,
        last,
        addDays(last, INACTIVITY_DAYS),
      ]);
    if (previous !== undefined) {
      await this.dual.run('DELETE FROM customer_inactivity_churns WHERE customer_id = ? AND last_day = ?', [customer, previous]);
      if (daysBetween(previous, day) > INACTIVITY_DAYS) await churn(previous);
    }
    if (next === undefined || daysBetween(day, next) > INACTIVITY_DAYS) await churn(day);
  }

  private async detach(customer: string): Promise<void> {
    await this.dual.run('DELETE FROM segment_memberships WHERE customer_id = ?', [customer]);
    await this.dual.run('DELETE FROM customer_facts WHERE customer_id = ?', [customer]);
  }

  /** customerProfile.ts deleteCustomerRows: keys detached, inactivity churns and stage history deleted per customer. */
  private async deleteCustomer(customer: string): Promise<void> {
    await this.detach(customer);
    await this.dual.run('DELETE FROM customer_inactivity_churns WHERE customer_id = ?', [customer]);
    await this.dual.run('DELETE FROM stage_history WHERE customer_id = ?', [customer]);
    this.activeDays.delete(customer);
    this.stage.delete(customer);
    this.ids.splice(this.ids.indexOf(customer), 1);
  }

  /**
   * customerProfile.ts mergeCustomerRows: both customers' keys detached, the merged one's churns forgotten, the two
   * stage histories deleted and written again as one chain (mergeStageHistory), the kept customer's keys put back, and
   * the merged one's active days replayed under them.
   */
  private async merge(from: string, into: string): Promise<void> {
    const keys = await this.dual.query('SELECT segment_id, entered_at FROM segment_memberships WHERE customer_id = ? ORDER BY segment_id', [
      into,
    ]);
    const facts = await this.dual.query('SELECT first_seen_at, channel, channel_at FROM customer_facts WHERE customer_id = ?', [into]);
    const rows = (
      await this.dual.query('SELECT id, from_stage, to_stage, cause, at FROM stage_history WHERE customer_id IN (?, ?)', [from, into])
    ).sqlite as {
      id: number;
      from_stage: string | null;
      to_stage: string;
      cause: string;
      at: string;
    }[];
    rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
    await this.detach(into);
    await this.detach(from);
    await this.dual.run('DELETE FROM customer_inactivity_churns WHERE customer_id = ?', [from]);
    await this.dual.run('DELETE FROM stage_history WHERE customer_id IN (?, ?)', [from, into]);
    let last: string | null = null;
    for (const row of rows) {
      if (last !== null && row.to_stage === last) continue;
      const fromStage = last === null ? row.from_stage : last;
      await this.dual.run('UPDATE stage_history SET left_at = ? WHERE customer_id = ? AND left_at IS NULL', [row.at, into]);
      await this.dual.run('INSERT INTO stage_history (id, customer_id, from_stage, to_stage, cause, at) VALUES (?, ?, ?, ?, ?, ?)', [
        ++this.historyId,
        into,
        fromStage,
        row.to_stage,
        row.cause,
        row.at,
      ]);
      last = row.to_stage;
    }
    if (last !== null) this.stage.set(into, last);
    for (const fact of facts.sqlite as { first_seen_at: string; channel: string | null; channel_at: string | null }[]) {
      await this.dual.run('INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)', [
        into,
        fact.first_seen_at,
        fact.channel,
        fact.channel_at,
      ]);
    }
    for (const key of keys.sqlite as { segment_id: string; entered_at: string }[]) {
      await this.dual.run('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
        key.segment_id,
        into,
        key.entered_at,
      ]);
    }
    const replay = [...(this.activeDays.get(from) ?? [])];
    this.activeDays.delete(from);
    this.stage.delete(from);
    this.ids.splice(this.ids.indexOf(from), 1);
    for (const day of replay) await this.activeDay(into, day);
  }

  /**
   * A direct edit of one stored move: each column the triggers watch (from_stage, to and from NULL, watched by 0039's
   * only), left_at (watched by neither), or none changed.
   */
  private async editMove(): Promise<void> {
    const rows = (await this.dual.query('SELECT id, customer_id FROM stage_history ORDER BY id')).sqlite as {
      id: number;
      customer_id: string;
    }[];
    if (rows.length === 0) return;
    const { id } = this.pick(rows);
    const edit = Math.floor(this.random() * 6);
    if (edit === 0) await this.dual.run('UPDATE stage_history SET at = ? WHERE id = ?', [instant(this.random), id]);
    else if (edit === 1) await this.dual.run('UPDATE stage_history SET to_stage = ? WHERE id = ?', [this.pick(STAGES), id]);
    else if (edit === 2)
      await this.dual.run('UPDATE stage_history SET from_stage = ? WHERE id = ?', [this.random() < 0.4 ? null : this.pick(STAGES), id]);
    else if (edit === 3) await this.dual.run('UPDATE stage_history SET customer_id = ? WHERE id = ?', [this.pick(this.ids), id]);
    else if (edit === 4) await this.dual.run('UPDATE stage_history SET left_at = ? WHERE id = ?', [instant(this.random), id]);
    else await this.dual.run('UPDATE stage_history SET to_stage = to_stage, at = at WHERE id = ?', [id]);
  }

  /** `count` random steps; with `forgets`, customers are also deleted and merged (several rows per statement). */
  async steps(count: number, forgets: boolean): Promise<void> {
    for (let step = 0; step < count; step += 1) {
      if (this.ids.length === 0) return;
      const id = this.pick(this.ids);
      const roll = this.random();
      const at = instant(this.random);
      if (roll < 0.25) await this.changeStage(id, this.pick(STAGES), at);
      else if (roll < 0.37) {
        const from = this.random() < 0.2 ? null : this.pick(STAGES);
        await this.dual.run('INSERT INTO stage_history (id, customer_id, from_stage, to_stage, cause, at) VALUES (?, ?, ?, ?, ?, ?)', [
          ++this.historyId,
          id,
          from,
          this.pick(STAGES),
          'backfill',
          at,
        ]);
      } else if (roll < 0.45) {
        await this.dual.run(
          'INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
          [this.pick(SEGMENTS), id, at],
        );
      } else if (roll < 0.5)
        await this.dual.run('DELETE FROM segment_memberships WHERE customer_id = ? AND segment_id = ?', [id, this.pick(SEGMENTS)]);
      else if (roll < 0.52) {
        // A segment saved, set-based: several memberships per statement.
        const members = this.ids.filter((other) => this.stage.get(other) === 'lead');
        const list = members.length > 0 ? members : ['nobody'];
        const marks = list.map(() => '?').join(', ');
        await this.dual.run(`DELETE FROM segment_memberships WHERE segment_id = 'seg_c' AND customer_id NOT IN (${marks})`, list);
        for (const member of members)
          await this.dual.run(
            `INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES ('seg_c', ?, ?) ON CONFLICT DO NOTHING`,
            [member, at],
          );
      } else if (roll < 0.57) {
        // First seen with no channel, then the channel found (NULL → value), or a first touch that named one.
        await this.dual.run(
          'INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET channel = excluded.channel, channel_at = excluded.channel_at',
          [id, at, this.random() < 0.3 ? null : this.pick(CHANNELS), at],
        );
      } else if (roll < 0.6)
        await this.dual.run('UPDATE customer_facts SET channel = ? WHERE customer_id = ?', [
          this.random() < 0.3 ? null : this.pick(CHANNELS),
          id,
        ]);
      else if (roll < 0.85) await this.activeDay(id, at.slice(0, 10));
      else if (roll < 0.93) await this.editMove();
      else if (roll < 0.96 || !forgets)
        await this.dual.run('DELETE FROM stage_history WHERE id = (SELECT max(id) FROM stage_history WHERE customer_id = ?)', [id]);
      else if (roll < 0.98) {
        if (this.ids.length > 20) await this.deleteCustomer(id);
      } else {
        const into = this.pick(this.ids);
        if (into !== id) await this.merge(id, into);
      }
    }
  }
}

describe('migrations 0039 and 0040 on Postgres (retention flows, value churn months)', () => {
  let dual: DualDatabase;

  beforeAll(async () => {
    dual = await openDualOnOwnCluster('retention_flows');
  });

  afterAll(async () => {
    await dual?.close();
  });

  /**
   * Every table the same on both (every rollup the workload reaches included); once customers were deleted or merged,
   * the counters without their cells at 0. Deleting several stage_history rows in one statement, SQLite recomputes
   * after each row (an intermediate state can count a cell +1 then -1, which stays at 0), Postgres once from the final
   * rows (the headers of migrations-pg/0010 and 0011).
   */
  const sameRows = async (zeroCells: 'compared' | 'ignored') => {
    if (zeroCells === 'compared') {
      expect(await dual.differences()).toEqual([]);
      return;
    }
    const counters: string[] = COUNTERS.map(([table]) => table);
    const tables = (
      dual.sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'`)
        .pluck()
        .all() as string[]
    ).filter((name) => !counters.includes(name));
    expect(await dual.differences(tables)).toEqual([]);
    for (const [table, counting] of COUNTERS) {
      const cells = await dual.query(`SELECT * FROM ${table} WHERE ${counting}`);
      expect(cells.postgres, table).toEqual(cells.sqlite);
    }
  };

  it('keep the same rows as SQLite through a random history, a pause with new stage roles, and more history', async () => {
    const history = new History(dual, 39, 40);
    await history.steps(250, false);
    await sameRows('compared');
    await history.steps(250, true);
    await sameRows('ignored');

    // withFlowsRebuilt (retentionFlows.ts): paused, the stage roles change (syncRetentionStageRoles) and history is
    // written without the per-row triggers, then both tables are refilled set-based. BACKFILL_FLOWS is SQLite SQL, so
    // the flow rows written back here are the ones there were; BACKFILL_SCOPES is below with its sums portable.
    const flows = (
      await dual.query('SELECT customer_id, "interval", period, flow, stage_churn, inactive_day FROM retention_customer_periods')
    ).sqlite as {
      customer_id: string;
      interval: string;
      period: string;
      flow: number;
      stage_churn: number;
      inactive_day: string;
    }[];
    await dual.run('INSERT INTO retention_flows_paused (id) VALUES (1) ON CONFLICT DO NOTHING');
    await dual.run('DELETE FROM retention_stage_roles');
    for (const [stage, customer, churn] of [
      ['retention', 1, 0],
      ['won_back', 1, 0],
      ['churned', 1, 1],
      ['at_risk', 0, 1],
    ] as const) {
      await dual.run('INSERT INTO retention_stage_roles (stage, customer, churn) VALUES (?, ?, ?)', [stage, customer, churn]);
    }
    // A new customer's moves and churns, a move edited and one deleted, then every flow row deleted: none may touch
    // the flows or their scope sums while paused.
    await history.changeStage('p1', 'retention', '2026-03-03T00:00:00.000Z');
    await history.activeDay('p1', '2026-03-05');
    await history.changeStage('p1', 'churned', '2026-04-01T10:00:00.000Z');
    await history.activeDay('p1', '2026-03-10');
    await dual.run(
      `UPDATE stage_history SET at = '2026-02-02T00:00:00.000Z' WHERE id = (SELECT max(id) FROM stage_history WHERE customer_id <> 'p1')`,
    );
    await dual.run('DELETE FROM stage_history WHERE id = (SELECT min(id) FROM stage_history)');
    await dual.run('DELETE FROM retention_customer_periods');
    await sameRows('ignored');
    await dual.run('DELETE FROM retention_scope_periods');
    for (const row of flows) {
      await dual.run(
        'INSERT INTO retention_customer_periods (customer_id, "interval", period, flow, stage_churn, inactive_day) VALUES (?, ?, ?, ?, ?, ?)',
        [row.customer_id, row.interval, row.period, row.flow, row.stage_churn, row.inactive_day],
      );
    }
    await dual.run(BACKFILL_SCOPES);
    await dual.run('DELETE FROM retention_flows_paused');
    await sameRows('ignored');
    expect(await dual.differences(['retention_scope_periods'])).toEqual([]);
    await history.steps(300, true);
    await sameRows('ignored');

    // Not empty on both sides: customers joined, left and churned both ways, counted in segment and channel scopes.
    const count = async (statement: string, params: unknown[] = []) =>
      ((await dual.query(statement, params)).postgres[0] as { n: number }).n;
    expect(await count('SELECT count(*) AS n FROM retention_customer_periods WHERE flow = 1')).toBeGreaterThan(20);
    expect(await count('SELECT count(*) AS n FROM retention_customer_periods WHERE flow = -1 AND stage_churn = 1')).toBeGreaterThan(5);
    expect(await count(`SELECT count(*) AS n FROM retention_customer_periods WHERE inactive_day <> ''`)).toBeGreaterThan(5);
    expect(
      await count(`SELECT count(*) AS n FROM retention_scope_periods WHERE segment_id <> '' AND channel <> '' AND customers > 0`),
    ).toBeGreaterThan(10);
    // Months begun in a stage, with several stages entered, counted under segment and channel scopes.
    expect(
      await count(`SELECT count(*) AS n FROM customer_stage_months WHERE start_stage <> '' AND entered LIKE ?`, ['%\u001f%']),
    ).toBeGreaterThan(5);
    expect(
      await count(`SELECT count(*) AS n FROM value_churn_scopes WHERE segment_id <> '' AND channel <> '' AND customers > 0`),
    ).toBeGreaterThan(10);
  }, 120_000);
});
