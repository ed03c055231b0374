import { condition } from '@temporalio/workflow';
import { describeFrequencyCap, localClock, momentInZone } from '@lifecycle/journey';
import type { SendHold } from '../activities';
import { runRecord, writeProgress } from '../progress';
import type { RunState } from '../runState';

/** "held for quiet hours until 08:00 Europe/Paris", "held by the frequency cap (3 in 1 day) until Tue 1 Dec 2026, 09:12 UTC". */
export function holdWords(hold: SendHold): string {
  const untilMs = Date.parse(hold.until);
  switch (hold.reason) {
    case 'quiet_hours':
      return `held for quiet hours until ${localClock(untilMs, hold.zone)}`;
    case 'frequency_capped':
      return `held by the frequency cap (${describeFrequencyCap(hold)}) until ${momentInZone(untilMs, 'UTC')}`;
    default: {
      const unknown: never = hold;
      throw new Error(`unknown hold ${JSON.stringify(unknown)}`);
    }
  }
}

/** The evidence a hold leaves on the step: why, until when, and the rule's figures. */
export function holdDetail(hold: SendHold): Record<string, unknown> {
  const { reason, until } = hold;
  return hold.reason === 'quiet_hours'
    ? { reason, until, zone: hold.zone, start: hold.start, end: hold.end }
    : { reason, until, limit: hold.limit, windowHours: hold.windowHours, counted: hold.counted };
}

/**
 * Waits out one hold on the step already open: the run page shows it `waiting` until the moment, with the reason as
 * the step's outcome. Workflow time, not scaled by a demo's time scale: quiet hours and caps are the customer's real
 * day. Resolves `goal` or `skip` when the journey's goal or an admin's skip ends the hold early, else `due`.
 */
export async function waitOutHold(state: RunState, hold: SendHold, earlier: string[]): Promise<'due' | 'goal' | 'skip'> {
  const words = holdWords(hold);
  state.status = 'waiting';
  state.waitingUntil = hold.until;
  if (state.openStep) {
    state.openStep = { ...state.openStep, outcome: words, detail: { hold: holdDetail(hold), ...(earlier.length > 0 ? { holds: earlier } : {}) } };
    await writeProgress(state, { run: runRecord(state), step: state.openStep });
  }
  const early = await condition(() => state.skipRequested || state.goalEvent !== null, Math.max(1, Date.parse(hold.until) - Date.now()), { summary: words });
  state.status = 'running';
  state.waitingUntil = null;
  if (!early) return 'due';
  return state.goalEvent ? 'goal' : 'skip';
}
