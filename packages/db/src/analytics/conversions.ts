import type { RawStatement } from '../access/rawStatement';
import type { Db } from '../client';
import { preparedPerDb } from '../preparedPerDb';

// Prepared once per database: every converted run records through it.
const insertStatement = preparedPerDb(
  (db): RawStatement =>
    db.prepare(
      `INSERT INTO run_conversions (workflow_id, journey_id, version_id, customer_id, started_at, converted_at)
       VALUES (@workflowId, @journeyId, @versionId, @customerId, @startedAt, @convertedAt) ON CONFLICT (workflow_id) DO NOTHING`,
    ),
);

export type RunConversion = { workflowId: string; journeyId: string; versionId: string; customerId: string; startedAt: string; convertedAt: string };

/** Records that a run converted; the first conversion of a run stands (a repeated record changes nothing). */
export async function recordConversion(db: Db, conversion: RunConversion): Promise<void> {
  await insertStatement(db).run(conversion);
}

/** The run's conversion, if it converted. */
export async function conversionOf(db: Db, workflowId: string): Promise<RunConversion | undefined> {
  return await db
    .prepare('SELECT workflow_id AS workflowId, journey_id AS journeyId, version_id AS versionId, customer_id AS customerId, started_at AS startedAt, converted_at AS convertedAt FROM run_conversions WHERE workflow_id = ?')
    .get<RunConversion>(workflowId);
}
