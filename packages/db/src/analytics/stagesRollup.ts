import type { Db } from '../client';
import { preparedPerDb } from '../preparedPerDb';
import type { RawStatement } from '../access/rawStatement';

function prepareAll(db: Db) {
  const sql = (text: string) => db.prepare(text);
  return {
    // The stay that was current ends when the next change is recorded (run before the new row is inserted).
    closeStay: sql(`UPDATE stage_history SET left_at = ? WHERE customer_id = ? AND left_at IS NULL`),
    addMove: sql(
      `INSERT INTO stage_flow_daily (day, from_stage, to_stage, moves) VALUES (substr(?, 1, 10), ?, ?, 1)
       ON CONFLICT (day, from_stage, to_stage) DO UPDATE SET moves = stage_flow_daily.moves + 1`,
    ),
    forgetMoves: sql(
      `UPDATE stage_flow_daily SET moves = moves - 1
       WHERE day = substr(?, 1, 10) AND from_stage = ? AND to_stage = ?`,
    ),
    historyOf: sql(`SELECT coalesce(from_stage, '') AS fromStage, to_stage AS toStage, at FROM stage_history WHERE customer_id = ?`),
  } satisfies Record<string, RawStatement>;
}

const statements = preparedPerDb(prepareAll);

/**
 * Keeps the stage rollups current for one stage change, inside `changeStage`'s transaction and before its
 * `stage_history` row is inserted: ends the current stay and counts the move on the change's own day (`at`, so
 * backfilled history lands on its day).
 */
export async function recordStageChange(db: Db, change: { customerId: string; from: string | null; to: string; at: string }): Promise<void> {
  const prepared = statements(db);
  await prepared.closeStay.run(change.at, change.customerId);
  await prepared.addMove.run(change.at, change.from ?? '', change.to);
}

/** Takes a customer's moves out of the daily rollup before their stage history is deleted (as if they never were). */
export async function forgetStageMoves(db: Db, customerId: string): Promise<void> {
  const prepared = statements(db);
  for (const move of await prepared.historyOf.all<{ fromStage: string; toStage: string; at: string }>(customerId))
    await prepared.forgetMoves.run(move.at, move.fromStage, move.toStage);
}
