import { z } from 'zod';
import { Journey, JourneyVersion } from '../responses/journeys';
import { Instant } from '../responses/common';

/** What a batch of signals to runs did; `failed` lists runs not reached (repeat the action to reach them). */
export const SignalReport = z.object({
  signalled: z.number().int(),
  notFound: z.number().int().describe('runs Temporal no longer knew (they had ended)'),
  failed: z.array(z.string()).describe('runs not reached after retries; the action is safe to repeat'),
});

export const PauseMode = z.enum(['continue', 'hold']);

/** The journey's operations state: paused how, by whom, and how many runs are in flight. */
export const OperationsState = z.object({
  journeyId: z.string(),
  status: z.enum(['draft', 'live', 'paused', 'archived']),
  pauseMode: z.enum(['continue', 'hold', 'stopped']).nullable().describe('set while paused: runs carry on, are held before their next step, or were cancelled'),
  pausedAt: Instant.nullable(),
  pausedBy: z.string().nullable(),
  runsInFlight: z.number().int(),
  runsOnOlderVersions: z.number().int().describe('runs in flight on versions older than the live one (they can be moved or exited)'),
});

export const PauseAnswer = z.object({ journey: Journey, signals: SignalReport });

export const StopPreview = z.object({ journeyId: z.string(), runsInFlight: z.number().int().describe('runs a stop would cancel') });

export const StopAnswer = z.object({
  journey: Journey,
  count: z.number().int().describe('runs in flight, as confirmed'),
  requested: z.number().int().describe('runs Temporal was asked to cancel'),
  markedCancelled: z.number().int().describe('runs Temporal no longer knew, marked cancelled here'),
  failed: z.number().int(),
});

const PlannedNode = z.object({
  nodeId: z.string(),
  nodeType: z.string(),
  label: z.string().nullable(),
  waiting: z.number().int().describe('runs waiting at this node now'),
  proposed: z.string().nullable().describe('the node of the same id in the new version, if any'),
  target: z.string().nullable().describe('where these runs land (the mapping given, else the proposal); null: they keep their version'),
});

/** A migration dry run: per older version, per waiting node, who would land where. */
export const MigrationPlan = z.object({
  target: z.object({ nodes: z.array(z.object({ id: z.string(), type: z.string(), label: z.string().nullable() })) }),
  versions: z.array(
    z.object({
      versionId: z.string(),
      version: z.number().int(),
      runsInFlight: z.number().int(),
      nodes: z.array(PlannedNode),
      atNextWait: z.number().int().describe('runs mid-step: they move when they next reach a mapped wait'),
      unmapped: z.number().int().describe('runs waiting at a node with no target: they keep their version'),
    }),
  ),
  totals: z.object({ move: z.number().int(), atNextWait: z.number().int(), unmapped: z.number().int() }),
});

/** What the in-flight policy did on publish. */
export const InFlightReport = SignalReport.extend({
  policy: z.enum(['keep', 'migrate', 'exit']),
  runsOnOlderVersions: z.number().int(),
  kept: z.number().int().describe('runs left on their version'),
});

export const PublishedWithPolicy = JourneyVersion.extend({ inFlight: InFlightReport.describe('what happened to runs on older versions') });
