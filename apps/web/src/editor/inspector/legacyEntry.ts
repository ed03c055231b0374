import { STAGE_ENTERED, SEGMENT_ENTERED, SEGMENT_EXITED, type ConditionGroup, type TriggerEntry } from '@lifecycle/journey';

/** The raw internal events journeys saved before segment and stage entries triggered on. */
export const LEGACY_LIFECYCLE_EVENTS: ReadonlySet<string> = new Set([SEGMENT_ENTERED, SEGMENT_EXITED, STAGE_ENTERED]);

type LegacyTrigger = { event?: unknown; entry?: unknown; conditions?: unknown };

/**
 * A trigger saved as the raw `segment_entered` / `segment_exited` / `stage_entered` event with a condition
 * `event.segmentId` (or `event.stage`) equal to one value, as the segment or stage entry it means, with the other
 * conditions kept. Null when the trigger is not of that form (it keeps working as it is).
 */
export function legacyLifecycleEntry(trigger: LegacyTrigger): { entry: TriggerEntry; conditions: ConditionGroup | undefined } | null {
  if (typeof trigger.event !== 'string' || !LEGACY_LIFECYCLE_EVENTS.has(trigger.event)) return null;
  if (trigger.entry !== undefined && (trigger.entry as { kind?: unknown }).kind !== 'event') return null;
  const group = trigger.conditions as ConditionGroup | undefined;
  if (!group || group.match !== 'all') return null;
  const field = trigger.event === STAGE_ENTERED ? 'stage' : 'segmentId';
  const index = group.conditions.findIndex((rule) => 'source' in rule && rule.source === 'event' && rule.path === field && rule.op === 'eq' && typeof rule.value === 'string' && rule.value !== '');
  const rule = group.conditions[index];
  if (!rule || !('source' in rule) || typeof rule.value !== 'string') return null;
  const rest = group.conditions.filter((_, at) => at !== index);
  const conditions = rest.length > 0 ? { match: 'all' as const, conditions: rest } : undefined;
  const entry: TriggerEntry =
    trigger.event === STAGE_ENTERED
      ? { kind: 'stage', stage: rule.value }
      : { kind: 'segment', segmentId: rule.value, on: trigger.event === SEGMENT_EXITED ? 'exited' : 'entered', includeExisting: false };
  return { entry, conditions };
}
