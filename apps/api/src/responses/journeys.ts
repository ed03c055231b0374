import { JourneyDraft, JourneyGraph, Problem } from '@lifecycle/journey';
import { z } from 'zod';
import { Instant } from './common';

/** A journey row: its name, status, draft and live version. */
export const Journey = z.object({
  id: z.string(),
  name: z.string(),
  lifecycleStage: z.string().nullable(),
  status: z.enum(['draft', 'live', 'paused', 'archived']),
  liveVersionId: z.string().nullable(),
  draft: JourneyDraft.describe('the draft as the canvas saved it: nodes may be half configured'),
  revision: z.number().int().describe('the draft revision; send it back as baseRevision so a save based on an older draft is refused (409)'),
  archivedAt: Instant.nullable().describe('set while archived: hidden from the default list, no new entries; runs in flight carry on'),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Journey = z.infer<typeof Journey>;

export const JourneyList = z.object({ journeys: z.array(Journey.extend({ liveVersion: z.number().int().nullable().describe('the live version number') })) });
export type JourneyList = z.infer<typeof JourneyList>;

/** A published, frozen version of a journey. */
export const JourneyVersion = z.object({
  id: z.string(),
  journeyId: z.string(),
  version: z.number().int(),
  graph: JourneyGraph,
  triggerEvent: z.string(),
  publishedAt: Instant,
});
export type JourneyVersion = z.infer<typeof JourneyVersion>;

export const VersionList = z.object({ versions: z.array(JourneyVersion.omit({ graph: true })) });
export type VersionList = z.infer<typeof VersionList>;

export const JourneyWithVersions = Journey.extend(VersionList.shape);
export type JourneyWithVersions = z.infer<typeof JourneyWithVersions>;

/** Whether the saved draft could be published, and every problem in the way. */
export const DraftValidation = z.object({ ok: z.boolean(), problems: z.array(Problem) });
export type DraftValidation = z.infer<typeof DraftValidation>;

/** Per node id: customers waiting at the node now, and customers who have passed it. */
export const NodeCountsAnswer = z.object({ counts: z.record(z.string(), z.object({ current: z.number().int(), passed: z.number().int() })) });
export type NodeCountsAnswer = z.infer<typeof NodeCountsAnswer>;

export const EventNames = z.object({ names: z.array(z.string()).describe('event names seen, most recent first') });
export type EventNames = z.infer<typeof EventNames>;
