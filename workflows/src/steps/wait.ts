import { condition } from '@temporalio/workflow';
import type { NodeOf } from '@lifecycle/journey';
import { allowContinuing, continueDue, ContinueRun, takeWaitResume } from '../continuation';
import { recordEntry } from '../progress';
import type { RunState } from '../runState';
import { describeDuration, describeMs, journeyElapsedMs, scaledMs } from '../timing';
import type { StepResult } from './stepResult';
import { waitUntilStep } from './waitUntil';

/** A timer for a length of time (or until a moment: waitUntil.ts); an admin's skip or the journey's goal ends it early. */
export async function waitStep(node: NodeOf<'wait'>, state: RunState): Promise<StepResult> {
  if (node.until) return waitUntilStep(node, node.until, state);
  if (!node.duration) throw new Error(`wait ${node.id} has no duration`);
  const duration = node.duration;
  const ms = scaledMs(state, duration);
  allowContinuing(state);
  const resume = takeWaitResume(state, node.id, 'timer');
  const startedMs = resume?.startedMs ?? Date.now();
  if (!resume) await recordEntry(state, node, new Date(startedMs + ms).toISOString());
  // A resumed wait ends when it would have: what is left of it (at least 1 ms so a timer is set).
  const timeoutMs = resume ? Math.max(1, startedMs + ms - Date.now()) : ms;
  const endedEarly = await condition(() => state.skipRequested || state.goalEvent !== null || continueDue(state), timeoutMs, {
    summary: `wait ${describeDuration(duration)}`,
  });
  if (endedEarly && !state.skipRequested && state.goalEvent === null) throw new ContinueRun({ kind: 'timer', nodeId: node.id, startedMs });
  const waited = describeMs(journeyElapsedMs(state, startedMs));
  if (!endedEarly) return { exit: 'next', outcome: `waited ${describeDuration(duration)}`, detail: null };
  if (state.goalEvent) return { exit: null, outcome: `goal \`${state.goalEvent.name}\` reached after ${waited} of waiting`, detail: null };
  return { exit: 'next', outcome: `skipped by admin after ${waited} of ${describeDuration(duration)}`, detail: { skipped: true } };
}
