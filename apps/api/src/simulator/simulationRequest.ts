import { z } from 'zod';
import { SimulatedCall, WebhookAnswers } from './simulatedOutbound';

const NodeId = z.string().min(1).max(64);

/** The longest stretch of virtual time a simulation covers: a journey still waiting then is reported as `still_waiting`. */
export const MAX_SIMULATED_DAYS = 400;
/** The most scripted events one simulation takes. */
export const MAX_SCRIPT_LINES = 200;

const unitMs = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 } as const;

/** How long after the customer entered the journey a scripted event happens: `{ amount: 5, unit: 'hours' }`; 0 is "at entry". */
export const ScriptTime = z
  .object({
    amount: z.number().min(0).describe('how many units after entry'),
    unit: z.enum(['seconds', 'minutes', 'hours', 'days', 'weeks']),
  })
  .refine((time) => time.amount * unitMs[time.unit] <= MAX_SIMULATED_DAYS * unitMs.days, {
    message: `must be at most ${MAX_SIMULATED_DAYS} days after entry (the longest a simulation covers)`,
  });
export type ScriptTime = z.infer<typeof ScriptTime>;

/** Milliseconds from entry. */
export function scriptTimeMs(time: ScriptTime): number {
  return time.amount * unitMs[time.unit];
}

const Properties = z.record(z.string().max(200), z.unknown()).refine((value) => JSON.stringify(value).length <= 16_384, {
  message: 'must be at most 16 KB of JSON',
});

/** One thing the customer does during the simulation: a named event, or opening / clicking an email the run sent. */
export const ScriptLine = z.union([
  z.strictObject({ at: ScriptTime, event: z.string().max(200).trim().min(1).describe('the event name, e.g. `purchased`'), properties: Properties.optional() }),
  z.strictObject({ at: ScriptTime, opens: NodeId.describe('the send-email step whose email is opened') }),
  z.strictObject({ at: ScriptTime, clicks: NodeId.describe('the send-email step whose email is clicked (a click is also an open)') }),
]);
export type ScriptLine = z.infer<typeof ScriptLine>;

/** Whom the simulation runs for: a stored customer (read, never changed) or sample traits. */
export const SimulatedCustomer = z.union([
  z.strictObject({ id: z.string().min(1).max(200).describe('a stored customer: their traits and stage as they are now') }),
  z.strictObject({
    traits: z.record(z.string().max(200), z.unknown()).refine((value) => JSON.stringify(value).length <= 65_536, { message: 'must be at most 64 KB of JSON' }),
    lifecycleStage: z.string().max(100).nullish(),
    email: z.email().max(320).nullish(),
  }),
]);
export type SimulatedCustomer = z.infer<typeof SimulatedCustomer>;

/** POST /api/journeys/:id/simulate. */
export const SimulationRequest = z.strictObject({
  version: z.string().min(1).max(200).optional().describe('a published version id; absent: the saved draft'),
  customer: SimulatedCustomer,
  script: z.array(ScriptLine).max(MAX_SCRIPT_LINES).default([]).describe(`what the customer does, at most ${MAX_SCRIPT_LINES} lines`),
  triggerProperties: Properties.optional().describe('the properties of the event the customer enters with'),
  webhookAnswers: WebhookAnswers.optional(),
});
export type SimulationRequest = z.infer<typeof SimulationRequest>;

/** One step of the simulated path, as a run's page shows it, at virtual times. */
export const SimulatedStep = z.object({
  nodeId: z.string(),
  nodeType: z.string(),
  name: z.string(),
  enteredAt: z.string(),
  leftAt: z.string().nullable(),
  outcome: z.string().nullable(),
  exit: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  failed: z.boolean(),
});
export type SimulatedStep = z.infer<typeof SimulatedStep>;

/** An email the run would have sent: rendered as a real send renders it (without tracking), never sent. */
export const SimulatedEmail = z.object({ nodeId: z.string(), to: z.string(), subject: z.string(), html: z.string(), text: z.string(), at: z.string() });
export type SimulatedEmail = z.infer<typeof SimulatedEmail>;

/** A message on a node (or the journey when `nodeId` is null) that explains why the simulation failed there. */
export const SimulationProblem = z.object({ nodeId: z.string().nullable(), message: z.string() });
export type SimulationProblem = z.infer<typeof SimulationProblem>;

/**
 * How the simulation ended: as a run ends (`completed`, `converted`, `failed`), `still_waiting` at the end of the
 * simulated horizon, `step_limit` (a loop), `timed_out` (the wall-clock budget), `invalid` (the journey has problems).
 */
export const SimulationStatus = z.enum(['completed', 'converted', 'failed', 'cancelled', 'still_waiting', 'step_limit', 'timed_out', 'invalid']);
export type SimulationStatus = z.infer<typeof SimulationStatus>;

export const SimulationResult = z.object({
  status: SimulationStatus,
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  path: z.array(SimulatedStep),
  emails: z.array(SimulatedEmail),
  problems: z.array(SimulationProblem),
  outbound: z.array(SimulatedCall).optional().describe('webhook calls and team notes the run would have made (none was made)'),
});
export type SimulationResult = z.infer<typeof SimulationResult>;
