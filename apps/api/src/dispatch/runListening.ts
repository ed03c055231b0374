import { JourneyGraph, runListens, runUsesEvent, type RunListens } from '@lifecycle/journey';
import { getJourneyVersion, type ActiveRun, type Db } from '@lifecycle/db';
import type { RunEvent } from '@lifecycle/workflows/messages';

/** Versions whose listening is kept; past this the least recently used is dropped (and derived again if needed). */
const DEFAULT_CAPACITY = 1_000;

/** A version whose graph no longer parses: its runs hear every event, as all runs did before routing. */
const EVERYTHING = 'everything';
type Listening = RunListens | typeof EVERYTHING;

/**
 * Which of a customer's active runs can use an event. What a version's runs listen for is derived from its graph once
 * (versions are immutable) and kept in a bounded map, so an event costs no graph read. A run hears what its own
 * version listens for and what the journey's live version does: a migration signalled to it moves its row to the
 * new version only when the run gets there, and events the new version uses must not be lost in between.
 */
export function createRunListening(db: Db, capacity = DEFAULT_CAPACITY) {
  const kept = new Map<string, Listening>(); // version id → listening, least recently used first

  async function listeningOf(journeyId: string, versionId: string): Promise<Listening> {
    const cached = kept.get(versionId);
    if (cached) {
      kept.delete(versionId);
      kept.set(versionId, cached);
      return cached;
    }
    const version = await getJourneyVersion(db, journeyId, versionId);
    // A run whose version is gone (a lost row, a run Temporal may not know) is signalled as before; not kept.
    if (!version) return EVERYTHING;
    const graph = JourneyGraph.safeParse(version.graph);
    const listening = graph.success ? runListens(graph.data) : EVERYTHING;
    kept.set(versionId, listening);
    if (kept.size > capacity) kept.delete(kept.keys().next().value as string);
    return listening;
  }

  const hears = (listening: Listening, event: RunEvent, workflowId: string) => listening === EVERYTHING || runUsesEvent(listening, event, workflowId);

  return {
    /** Whether `run`, on its version or moving to the live one, can use `event`. */
    async uses(run: ActiveRun, event: RunEvent): Promise<boolean> {
      if (hears(await listeningOf(run.journeyId, run.versionId), event, run.workflowId)) return true;
      return run.liveVersionId !== null && run.liveVersionId !== run.versionId && hears(await listeningOf(run.journeyId, run.liveVersionId), event, run.workflowId);
    },
    /** How many versions are kept now (for tests). */
    size: () => kept.size,
  };
}

export type RunListening = ReturnType<typeof createRunListening>;
