import type { Db } from '../client';
import { preparedPerDb } from '../preparedPerDb';

type Statement = import('better-sqlite3').Statement<unknown[]>;

function prepareAll(db: Db) {
  const sql = (text: string) => db.$client.prepare(text);
  return {
    // The stay that was current ends when the next change is recorded (run before the new row is inserted).
    closeStay: sql(`UPDATE stage_history SET left_at = ? WHERE customer_id = ? AND left_at IS NULL`),
    addMove: sql(
      `INSERT INTO stage_flow_daily (day, from_stage, to_stage, moves) VALUES (substr(?, 1, 10), ?, ?, 1)
       ON CONFLICT (day, from_stage, to_stage) DO UPDATE SET moves = moves + 1`,
    ),
    forgetMoves: sql(
      `UPDATE stage_flow_daily SET moves = moves - 1
       WHERE day = substr(?, 1, 10) AND from_stage = ? AND to_stage = ?`,
    ),
    historyOf: sql(`SELECT coalesce(from_stage, '') AS fromStage, to_stage AS toStage, at FROM stage_history WHERE customer_id = ?`),
  } satisfies Record<string, Statement>;
}

const statements = preparedPerDb(prepareAll);

/**
 * Keeps the stage rollups current for one stage change, inside `changeStage`'s transaction and before its
 * `stage_history` row is inserted: ends the current stay and counts the move on the change's own day (`at`, so
 * backfilled history lands on its day).
 */
export function recordStageChange(db: Db, change: { customerId: string; from: string | null; to: string; at: string }): void {
  const prepared = statements(db);
  prepared.closeStay.run(change.at, change.customerId);
  prepared.addMove.run(change.at, change.from ?? '', change.to);
}

/** Takes a customer's moves out of the daily rollup before their stage history is deleted (as if they never were). */
export function forgetStageMoves(db: Db, customerId: string): void {
  const prepared = statements(db);
  for (const move of prepared.historyOf.all(customerId) as { fromStage: string; toStage: string; at: string }[])
    prepared.forgetMoves.run(move.at, move.fromStage, move.toStage);
}
