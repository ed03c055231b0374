import { describe, expect, it } from 'vitest';
import { mergeCustomerRows } from '../queries/customerProfile';
import { changeStage } from '../queries/lifecycle';
import { openTestDatabase } from '../testing/testDatabase';

const day = (d: number) => `2026-03-0${d}T10:00:00.000Z`;

describe('merging the stage histories of an anonymous visitor and a known customer', () => {
  it('leaves one chain in time order, each move from the stage before, the customer in its last stage', async () => {
    const db = openTestDatabase(':memory:');
    await db.prepare(`INSERT INTO customers (id) VALUES ('kim'), ('anon:v1')`).run();
    const move = async (customerId: string, to: string, d: number) => await changeStage(db, { customerId, to, cause: `${customerId} day ${d}`, at: day(d) });
    await move('anon:v1', 'visitor', 1);
    await move('kim', 'lead', 2);
    await move('anon:v1', 'lead', 3);
    await move('kim', 'customer', 4);
    await move('kim', 'churned', 5);
    await move('anon:v1', 'customer', 6);
    await mergeCustomerRows(db, 'anon:v1', 'kim');

    const chain = await db.prepare(`SELECT from_stage, to_stage, cause, at, left_at FROM stage_history WHERE customer_id IN ('kim', 'anon:v1') ORDER BY at, id`).all();
    expect(chain).toEqual([
      { from_stage: null, to_stage: 'visitor', cause: 'anon:v1 day 1', at: day(1), left_at: day(2) },
      { from_stage: 'visitor', to_stage: 'lead', cause: 'kim day 2', at: day(2), left_at: day(4) },
      // The visitor's move into lead on day 3 is no change once Kim's lead on day 2 comes before it: dropped.
      { from_stage: 'lead', to_stage: 'customer', cause: 'kim day 4', at: day(4), left_at: day(5) },
      { from_stage: 'customer', to_stage: 'churned', cause: 'kim day 5', at: day(5), left_at: day(6) },
      // Kim came back as a customer on day 6 on the other device: the latest move, so Kim is a customer now.
      { from_stage: 'churned', to_stage: 'customer', cause: 'anon:v1 day 6', at: day(6), left_at: null },
    ]);
    expect(await db.prepare(`SELECT lifecycle_stage FROM customers WHERE id = 'kim'`).pluck().get()).toBe('customer');
    // The daily transitions (the transition table) count the chain's moves, not the two old chains'.
    const flows = await db.prepare('SELECT day, from_stage, to_stage, moves FROM stage_flow_daily WHERE moves <> 0 ORDER BY day').raw().all();
    expect(flows).toEqual([
      ['2026-03-01', '', 'visitor', 1],
      ['2026-03-02', 'visitor', 'lead', 1],
      ['2026-03-04', 'lead', 'customer', 1],
      ['2026-03-05', 'customer', 'churned', 1],
      ['2026-03-06', 'churned', 'customer', 1],
    ]);
  });

  it('keeps the known customer’s history and stage when the visitor has none', async () => {
    const db = openTestDatabase(':memory:');
    await db.prepare(`INSERT INTO customers (id) VALUES ('kim'), ('anon:v1')`).run();
    await changeStage(db, { customerId: 'kim', to: 'customer', cause: 'test', at: day(2) });
    await mergeCustomerRows(db, 'anon:v1', 'kim');
    expect(await db.prepare(`SELECT from_stage, to_stage, at FROM stage_history`).all()).toEqual([{ from_stage: null, to_stage: 'customer', at: day(2) }]);
    expect(await db.prepare(`SELECT lifecycle_stage FROM customers WHERE id = 'kim'`).pluck().get()).toBe('customer');
  });
});
