import type { Db } from '../client';
import { forgetStageMoves, recordStageChange } from './stagesRollup';

type HistoryRow = { customer_id: string; from_stage: string | null; to_stage: string; cause: string; at: string };

/**
 * Makes the stage histories of `fromId` and `intoId` one chain of `intoId`, as if every move had been made on one
 * customer: the rows of both in time order (then in the order they were stored), each move's `from_stage` the stage the
 * move before it entered (the earliest keeps its own), a move into the stage the chain is already in dropped (not a
 * change), and each stay ending when the next move begins. The rows are deleted and written again, so the tables'
 * triggers (keyed moves, stays, funnel, retention flows, value months) count the new chain in place of the two old
 * ones; the daily move rollup, kept by changeStage in code, is moved here. Returns the stage the chain ends in (the
 * customer's stage from now on), or null when `fromId` had no stage history (nothing to merge: `intoId`'s is kept).
 * Run it while both customers' analytics keys are detached (mergeCustomerAnalytics' `moveRows`).
 */
export async function mergeStageHistory(db: Db, fromId: string, intoId: string): Promise<string | null> {
  const rows = await db
    .prepare('SELECT customer_id, from_stage, to_stage, cause, at FROM stage_history WHERE customer_id IN (?, ?) ORDER BY at, id')
    .all<HistoryRow>(fromId, intoId);
  if (!rows.some((row) => row.customer_id === fromId)) return null;
  const chain: HistoryRow[] = [];
  for (const row of rows) {
    const before = chain.at(-1);
    if (!before) chain.push({ ...row, customer_id: intoId });
    else if (row.to_stage !== before.to_stage) chain.push({ ...row, customer_id: intoId, from_stage: before.to_stage });
  }
  await forgetStageMoves(db, fromId);
  await forgetStageMoves(db, intoId);
  await db.prepare('DELETE FROM stage_history WHERE customer_id IN (?, ?)').run(fromId, intoId);
  const insert = db.prepare('INSERT INTO stage_history (customer_id, from_stage, to_stage, cause, at, left_at) VALUES (?, ?, ?, ?, ?, NULL)');
  for (const row of chain) {
    // Ends the stay before (sets its left_at) and counts the move on its day, exactly as changeStage does.
    await recordStageChange(db, { customerId: intoId, from: row.from_stage, to: row.to_stage, at: row.at });
    await insert.run(intoId, row.from_stage, row.to_stage, row.cause, row.at);
  }
  return chain.at(-1)!.to_stage;
}
