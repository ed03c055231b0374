import type { AnalyticsSettings } from '@lifecycle/journey';
import type { Db } from '@lifecycle/db';
import { loadAnalyticsSettings } from '@lifecycle/db';
import { HttpError } from '../../errors';
import { lifecycleConfig } from '../../services/lifecycleStages';

/** The configured stages in order, and which of them mean churned. */
export type StageOrder = { stages: string[]; churnStages: string[]; settings: AnalyticsSettings };

/** The workspace's stage order (lifecycle config) and churn stages (analytics settings). */
export async function stageOrderOf(db: Db): Promise<StageOrder> {
  const settings = await loadAnalyticsSettings(db);
  return { stages: (await lifecycleConfig(db)).stages, churnStages: settings.churnStages, settings };
}

/** The configured stages, then any stage seen in the data that the config no longer lists (so no count goes missing). */
export function withSeenStages(order: StageOrder, seen: Iterable<string>): string[] {
  const stages = [...order.stages];
  for (const stage of seen) if (stage !== '' && !stages.includes(stage)) stages.push(stage);
  return stages;
}

/** What a move means: a customer's first stage, forward or back in the configured order, or into churn. */
export type MoveKind = 'first' | 'forward' | 'back' | 'churn' | 'other';

export function moveKind(order: StageOrder, from: string, to: string): MoveKind {
  if (order.churnStages.includes(to)) return 'churn';
  if (from === '') return 'first';
  const a = order.stages.indexOf(from);
  const b = order.stages.indexOf(to);
  if (a < 0 || b < 0) return 'other';
  return b > a ? 'forward' : 'back';
}

/** A stage named in the query must be configured: a 400 naming the field otherwise. */
export function knownStage(order: StageOrder, field: string, stage: string): string {
  if (order.stages.includes(stage)) return stage;
  throw badQuery(field, `unknown stage \`${stage}\` (configured: ${order.stages.join(', ')})`);
}

/** A 400 naming the query field that is wrong. */
export function badQuery(field: string, message: string): HttpError {
  return new HttpError(400, 'invalid_query', `${field}: ${message}`, { issues: [{ path: field, message }] });
}
