import { z } from 'zod';

export const Health = z.object({
  ok: z.literal(true),
  db: z.literal('ok'),
  temporal: z.enum(['connected', 'unreachable']),
  dispatch: z.enum(['dispatching', 'standby']).describe('whether this API process hands stored events to journeys now (it holds the dispatch lease) or stands by; one process of those sharing a database dispatches'),
});
export type Health = z.infer<typeof Health>;

/** The mail catcher's messages, as it lists them. */
export const Outbox = z.object({ messages: z.array(z.unknown()) });
export type Outbox = z.infer<typeof Outbox>;

/** A message was stored (committed) before this answer. */
export const MessageAccepted = z.object({ success: z.literal(true) });
export type MessageAccepted = z.infer<typeof MessageAccepted>;

/** Every message of the batch was stored; a batch with refused messages answers 400 `invalid_messages` instead. */
export const BatchAccepted = z.object({ success: z.literal(true), accepted: z.number().int() });
export type BatchAccepted = z.infer<typeof BatchAccepted>;

/** An OpenAPI 3.1 document. */
export const OpenApiDocument = z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) });
export type OpenApiDocument = z.infer<typeof OpenApiDocument>;
