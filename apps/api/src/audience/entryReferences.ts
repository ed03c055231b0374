import { listSegments, type Db } from '@lifecycle/db';
import { lifecycleConfig } from '../services/lifecycleStages';

/** The segments and configured stages that exist now: what segment and stage entries are checked against at publish. */
export async function entryReferences(db: Db): Promise<{ segmentIds: ReadonlySet<string>; stages: ReadonlySet<string> }> {
  return { segmentIds: new Set((await listSegments(db)).map((segment) => segment.id)), stages: new Set((await lifecycleConfig(db)).stages) };
}
