import { z } from 'zod';

/**
 * What happens to runs in flight on older versions when a journey is published: they keep their version (the
 * default), migrate to the new one by a node mapping (each waiting node of an old version mapped to a node of the
 * new one), or exit. `dryRun` counts who would land where and moves nothing.
 */
export const InFlightPolicy = z.discriminatedUnion('policy', [
  z.object({ policy: z.literal('keep') }),
  z.object({
    policy: z.literal('migrate'),
    mappings: z
      .array(z.object({ fromVersionId: z.string().min(1), nodes: z.record(z.string(), z.string()).describe('old node id → new node id') }))
      .max(100)
      .describe('one mapping per older version with runs in flight'),
  }),
  z.object({ policy: z.literal('exit') }),
]);
export type InFlightPolicy = z.infer<typeof InFlightPolicy>;

/** The body of `POST /api/journeys/:id/publish` (absent body: keep runs on their version). */
export const PublishRequest = z.object({ inFlight: InFlightPolicy.default({ policy: 'keep' }) });
export type PublishRequest = z.infer<typeof PublishRequest>;
