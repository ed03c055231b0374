import { answerHistory } from '@lifecycle/db';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import type { ResolvedDeps } from './deps';

/** Counts the customer's stored history for a condition's history rules (indexed reads of one customer's rows). */
export function makeReadHistory({ db }: ResolvedDeps): JourneyActivities['readHistory'] {
  return async (input) => Promise.resolve(await answerHistory(db, input.customerId, input.workflowId, input.questions));
}
