import { z } from 'zod';

const Id = z.union([z.string().min(1).max(500), z.number().transform(String)]);
// Years 1000–9999 only: a 6-digit ISO year (`+010000-…`) parses in JS but every date function of the database reads
// it as NULL, so such an event could not be placed in any day, week or month of the analytics.
const EARLIEST_MS = Date.UTC(1000, 0, 1);
const LATEST_MS = Date.UTC(10000, 0, 1);
const inStoredRange = (ms: number) => ms >= EARLIEST_MS && ms < LATEST_MS;
const Timestamp = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO-8601 date')
  .refine((value) => inStoredRange(Date.parse(value)), 'must be a date between the years 1000 and 9999')
  .transform((value) => new Date(value).toISOString());

/**
 * Segment's clock-skew correction: the device's offset between `timestamp` and `sentAt` is kept, its clock is not.
 * Null when the corrected time leaves the years 1000–9999 (a `sentAt` centuries from `timestamp`), which the caller
 * refuses naming `sentAt`: both fields may each be in range while their difference is not.
 */
export function skewCorrectedTime(timestamp: string, sentAt: string, receivedAt: Date): string | null {
  const corrected = receivedAt.getTime() - (Date.parse(sentAt) - Date.parse(timestamp));
  return inStoredRange(corrected) ? new Date(corrected).toISOString() : null;
}

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
const view = { name: z.string().max(200).optional().nullable(), category: z.string().max(200).optional().nullable(), properties: Fields.optional() };
/** Segment's `page`: a web page view; stored for history (segments can count it by name), it starts no journey. */
export const PageMessage = z.object({ ...common, type: z.literal('page'), ...view });
/** Segment's `screen`: a mobile screen view; stored like a page. */
export const ScreenMessage = z.object({ ...common, type: z.literal('screen'), ...view });
/** Segment's `group`: the customer belongs to a company or team (`groupId`) with its traits. */
export const GroupMessage = z.object({ ...common, type: z.literal('group'), groupId: Id, traits: Fields.optional() });
/** Segment's `alias`: `previousId` (an earlier userId or anonymousId) is the same person as `userId`; they are merged. */
export const AliasMessage = z.object({ ...common, type: z.literal('alias'), previousId: Id, userId: Id });

export const SegmentMessage = z.discriminatedUnion('type', [IdentifyMessage, TrackMessage, PageMessage, ScreenMessage, GroupMessage, AliasMessage]);
export type SegmentMessage = z.infer<typeof SegmentMessage>;

/** POST /v1/batch: messages plus fields that apply to all of them. */
export const BatchEnvelope = z.object({
  batch: z.array(z.unknown()).min(1, 'send at least one message').max(5000),
  context: Fields.optional(),
  sentAt: Timestamp.optional(),
  writeKey: z.string().optional(),
});
