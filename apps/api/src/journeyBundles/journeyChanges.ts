import { diffJourneys, JourneyDiff, JourneyDraft, JourneyGraph } from '@lifecycle/journey';
import { getJourney, getJourneyVersion, type Db } from '@lifecycle/db';
import { z } from 'zod';
import { notFound } from '../errors';
import { referenceNamesOf } from './referenceNames';

/** GET /api/journeys/:id/changes: what publishing the saved draft would change against the live version. */
export const JourneyChanges = z.object({
  live: z.object({ versionId: z.string(), version: z.number().int() }).nullable().describe('the live version (null before the first publish)'),
  diff: JourneyDiff,
});
export type JourneyChanges = z.infer<typeof JourneyChanges>;

/** The diff of the saved draft against the live version (every node "added" before the first publish). */
export async function journeyChanges(db: Db, id: string): Promise<JourneyChanges> {
  const journey = await getJourney(db, id);
  if (!journey) throw notFound('journey', id);
  const version = journey.liveVersionId ? await getJourneyVersion(db, id, journey.liveVersionId) : undefined;
  // Rows are read back from JSON columns: parse them (a draft of an older build may not parse: compare it as empty).
  const live = version ? JourneyGraph.safeParse(version.graph) : null;
  const draft = JourneyDraft.safeParse(journey.draft);
  const diff = diffJourneys(live?.success ? live.data : null, draft.success ? draft.data : { nodes: [], edges: [] }, await referenceNamesOf(db));
  return { live: version ? { versionId: version.id, version: version.version } : null, diff };
}
