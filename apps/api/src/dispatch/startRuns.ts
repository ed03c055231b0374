import { durationMs, JourneyGraph, triggerMatches, type Facts, type NodeOf } from '@lifecycle/journey';
import { triggerHistory } from './triggerHistory';
import { getCustomer, getRun, getWorkspaceTimeZone, insertRunIfAbsent, latestRunStart, liveVersionsTriggeredBy, type Db, type JourneyVersion } from '@lifecycle/db';
import { journeyRunId } from '@lifecycle/workflows/ids';
import type { RunEvent } from '@lifecycle/workflows/messages';
import { runLog } from '../observability/logger';
import type { RunStarter } from '../runStarter';

export type StartDeps = { db: Db; runs: RunStarter; timeScale: number; now: () => Date };

const unknownCustomer: Facts['customer'] = { traits: {}, lifecycleStage: null, email: null, subscription: 'subscribed' };

async function customerFacts(db: Db, customerId: string): Promise<Facts['customer']> {
  const customer = await getCustomer(db, customerId);
  if (!customer) return unknownCustomer;
  return { traits: customer.traits, lifecycleStage: customer.lifecycleStage, email: customer.email, subscription: customer.subscription };
}

/** The entry part of the run id under the trigger's re-entry policy, or null when the customer may not enter now. */
async function entryFor(deps: StartDeps, trigger: NodeOf<'trigger'>, journeyId: string, customerId: string, eventId: string): Promise<string | null> {
  const reentry = trigger.reentry;
  switch (reentry.policy) {
    case 'once':
      return 'once';
    case 'always':
      return eventId;
    case 'cooldown': {
      const last = await latestRunStart(deps.db, journeyId, customerId);
      const cooldownMs = durationMs(reentry.cooldown) * deps.timeScale;
      return last && deps.now().getTime() - Date.parse(last) < cooldownMs ? null : eventId;
    }
    default: {
      const unknownPolicy: never = reentry;
      throw new Error(`unknown re-entry policy ${JSON.stringify(unknownPolicy)}`);
    }
  }
}

function triggerOf(version: JourneyVersion): { graph: JourneyGraph; trigger: NodeOf<'trigger'> } | null {
  const parsed = JourneyGraph.safeParse(version.graph);
  if (!parsed.success) return null;
  const trigger = parsed.data.nodes.find((node): node is NodeOf<'trigger'> => node.type === 'trigger');
  return trigger ? { graph: parsed.data, trigger } : null;
}

/**
 * Starts a run of every live journey this event triggers for the customer (deterministic ids, so a
 * retry starts nothing twice) and records its run row. Returns the ids of the runs this event owns.
 */
export async function startTriggeredRuns(deps: StartDeps, customerId: string, event: RunEvent): Promise<Set<string>> {
  const owned = new Set<string>();
  const customer = await customerFacts(deps.db, customerId);
  for (const version of await liveVersionsTriggeredBy(deps.db, event.name)) {
    const pinned = triggerOf(version);
    if (!pinned || !triggerMatches(pinned.trigger, version.journeyId, event, customer, await triggerHistory(deps, pinned.trigger, customerId))) continue;
    const existing = async (entry: string) => await getRun(deps.db, journeyRunId(version.journeyId, customerId, entry));
    // A retried dispatch finds the run this same event started before and keeps owning it.
    const earlier = await existing(event.id);
    if (earlier) {
      owned.add(earlier.workflowId);
      continue;
    }
    const entry = await entryFor(deps, pinned.trigger, version.journeyId, customerId, event.id);
    if (entry === null) continue;
    const workflowId = journeyRunId(version.journeyId, customerId, entry);
    const row = await getRun(deps.db, workflowId);
    if (row) {
      if (row.triggerEventId === event.id) owned.add(workflowId);
      continue;
    }
    const runLine = runLog({ workflowId, customerId }).child({ journeyId: version.journeyId, versionId: version.id, eventId: event.id });
    try {
      const outcome = await deps.runs.startRun(
        { journeyId: version.journeyId, versionId: version.id, version: version.version, graph: pinned.graph, customerId, triggerEvent: event, timeScale: deps.timeScale, workspaceTimeZone: await getWorkspaceTimeZone(deps.db) },
        workflowId,
      );
      runLine.info({ outcome, event: event.name }, 'run started');
    } catch (error) {
      runLine.warn({ err: error }, 'run could not be started (the event will be dispatched again)');
      throw error;
    }
    await insertRunIfAbsent(deps.db, {
      workflowId,
      journeyId: version.journeyId,
      versionId: version.id,
      customerId,
      triggerEventId: event.id,
      status: 'running',
      startedAt: deps.now().toISOString(),
    });
    owned.add(workflowId);
  }
  return owned;
}
