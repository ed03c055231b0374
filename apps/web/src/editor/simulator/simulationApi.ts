import { useMutation } from '@tanstack/react-query';
import { sendJson } from '../../api/client';

export type TimeUnit = 'minutes' | 'hours' | 'days' | 'weeks';
export interface ScriptTime {
  amount: number;
  unit: TimeUnit;
}

/** One scripted line as POST /api/journeys/:id/simulate takes it. */
export type ScriptLine = { at: ScriptTime; event: string; properties?: Record<string, unknown> } | { at: ScriptTime; opens: string } | { at: ScriptTime; clicks: string };

export interface SimulationRequest {
  version?: string;
  customer: { id: string } | { traits: Record<string, unknown>; email?: string | null };
  script: ScriptLine[];
  triggerProperties?: Record<string, unknown>;
}

export interface SimulatedStep {
  nodeId: string;
  nodeType: string;
  name: string;
  enteredAt: string;
  leftAt: string | null;
  outcome: string | null;
  exit: string | null;
  detail: Record<string, unknown> | null;
  failed: boolean;
}

export interface SimulatedEmail {
  nodeId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  at: string;
}

/** A webhook call or team alert the run would have made (none was made); secret values read `«secret NAME»`. */
export interface SimulatedCall {
  nodeId: string;
  kind: 'webhook' | 'team_email' | 'team_chat';
  method: string | null;
  target: string;
  headers: Record<string, string>;
  body: string | null;
  subject: string | null;
}

export type SimulationStatus = 'completed' | 'converted' | 'failed' | 'cancelled' | 'still_waiting' | 'step_limit' | 'timed_out' | 'invalid';

export interface SimulationResult {
  status: SimulationStatus;
  startedAt: string | null;
  endedAt: string | null;
  path: SimulatedStep[];
  emails: SimulatedEmail[];
  outbound?: SimulatedCall[];
  problems: { nodeId: string | null; message: string }[];
}

/** Runs a simulation; nothing is cached (each run is a fresh question). */
export function useSimulation(journeyId: string) {
  return useMutation({
    mutationFn: (request: SimulationRequest) => sendJson<SimulationResult>('POST', `/api/journeys/${encodeURIComponent(journeyId)}/simulate`, request),
  });
}

/** "how it ended" in words. */
export const STATUS_TEXT: Record<SimulationStatus, string> = {
  completed: 'Completed: the customer reached an exit',
  converted: 'Converted: the customer reached the goal',
  failed: 'Failed',
  cancelled: 'Cancelled',
  still_waiting: 'Still waiting after 400 simulated days',
  step_limit: 'Stopped: the journey loops (over 500 steps)',
  timed_out: 'Stopped: the simulation took too long',
  invalid: 'The journey has problems to fix first',
};

/** What the panel reads of the journey: its steps' ids, kinds and names (a draft or a version). */
export interface StepsOf {
  nodes: readonly { id: string; type: string; label?: string }[];
}
