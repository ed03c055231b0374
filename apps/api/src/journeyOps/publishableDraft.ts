import type { Db } from '@lifecycle/db';
import type { JourneyGraph } from '@lifecycle/journey';
import { HttpError } from '../errors';
import { validateSaved } from '../services/journeys';

/** The draft a publish would freeze, as a graph; 422 naming the problems when it is not publishable. */
export async function publishableDraft(db: Db, id: string): Promise<JourneyGraph> {
  const result = await validateSaved(db, id);
  if (!result.ok) throw new HttpError(422, 'invalid_journey', `the journey has ${result.problems.length} problem(s) to fix before publishing`, { problems: result.problems });
  return result.graph;
}
