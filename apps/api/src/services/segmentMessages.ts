import { z } from 'zod';

const Id = z.union([z.string().min(1).max(500), z.number().transform(String)]);
const Timestamp = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO-8601 date')
  .transform((value) => new Date(value).toISOString());
const Fields = z.record(z.string(), z.unknown());

const common = {
  userId: Id.optional().nullable(),
  anonymousId: Id.optional().nullable(),
  messageId: z.string().min(1).max(200).optional(),
  timestamp: Timestamp.optional(),
  sentAt: Timestamp.optional(),
  context: Fields.optional(),
  integrations: Fields.optional(),
};

/** Segment's `identify`: who the customer is and their traits. */
export const IdentifyMessage = z.object({ ...common, type: z.literal('identify'), traits: Fields.optional() });
/** Segment's `track`: something the customer did. */
export const TrackMessage = z.object({ ...common, type: z.literal('track'), event: z.string().min(1).max(200), properties: Fields.optional() });
/** `page` and `screen`: stored for history, they start no journey. */
export const ViewMessage = z.object({ ...common, type: z.enum(['page', 'screen']), name: z.string().max(200).optional(), properties: Fields.optional() });
/** `group` and `alias`: stored as they came. */
export const OtherMessage = z.object({ ...common, type: z.enum(['group', 'alias']), groupId: Id.optional(), previousId: Id.optional(), traits: Fields.optional() });

export const SegmentMessage = z.discriminatedUnion('type', [IdentifyMessage, TrackMessage, ViewMessage, OtherMessage]);
export type SegmentMessage = z.infer<typeof SegmentMessage>;

/** POST /v1/batch: messages plus fields that apply to all of them. */
export const BatchEnvelope = z.object({
  batch: z.array(z.unknown()).min(1, 'send at least one message').max(5000),
  context: Fields.optional(),
  sentAt: Timestamp.optional(),
  writeKey: z.string().optional(),
});
