import { ENTRY_DUE, entryOf, JourneyGraph, resolveZone, type NodeOf, type TriggerEntry } from '@lifecycle/journey';
import { liveVersionsTriggeredBy, type Db } from '@lifecycle/db';

export type TimedEntry = Extract<TriggerEntry, { kind: 'schedule' | 'date_trait' }>;

/** A live journey entering on a schedule or around a date trait. */
export type EntryJourney = { journeyId: string; versionId: string; trigger: NodeOf<'trigger'>; entry: TimedEntry };

/** The trigger of a graph when it enters on a schedule or a date trait. */
export function timedEntryOf(graph: unknown): { trigger: NodeOf<'trigger'>; entry: TimedEntry } | null {
  const parsed = JourneyGraph.safeParse(graph);
  if (!parsed.success) return null;
  const trigger = parsed.data.nodes.find((node): node is NodeOf<'trigger'> => node.type === 'trigger');
  if (!trigger) return null;
  const entry = entryOf(trigger);
  return entry.kind === 'schedule' || entry.kind === 'date_trait' ? { trigger, entry } : null;
}

/** Every live (not paused, not archived) journey with a timed entry, by journey id. */
export async function liveEntryJourneys(db: Db): Promise<Map<string, EntryJourney>> {
  const found = new Map<string, EntryJourney>();
  for (const version of await liveVersionsTriggeredBy(db, ENTRY_DUE)) {
    const timed = timedEntryOf(version.graph);
    if (timed) found.set(version.journeyId, { journeyId: version.journeyId, versionId: version.id, ...timed });
  }
  return found;
}

/** The zone a customer's entry is read in: the entry's fixed zone, else their `timezone` trait, else the workspace's. */
export function entryZone(entry: TimedEntry, traits: Record<string, unknown>, workspaceZone: string): string {
  return resolveZone(entry.zone, traits, workspaceZone);
}
