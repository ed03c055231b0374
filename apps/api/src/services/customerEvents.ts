import { z } from 'zod';
import { customerEventsPage, type CustomerEvent, type Db, type EventKey } from '@lifecycle/db';
import { resolveCustomer } from './resolveCustomer';

/** How many events the profile shows before "Load older events". */
export const PROFILE_EVENTS = 100;

const CursorKey = z.tuple([z.string().min(1).max(100), z.string().min(1).max(200)]);

/** The opaque cursor after `event`: its (timestamp, id) as base64url JSON. */
export function encodeEventCursor(event: EventKey | undefined): string | null {
  return event ? Buffer.from(JSON.stringify([event.timestamp, event.id])).toString('base64url') : null;
}

function decodeEventCursor(text: string): EventKey | null {
  try {
    const parsed = CursorKey.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    const key = { timestamp: parsed.data[0], id: parsed.data[1] };
    // base64url decoding skips characters it does not know; only a cursor this API wrote survives the round trip.
    return encodeEventCursor(key) === text ? key : null;
  } catch {
    return null;
  }
}

/** A `nextCursor` from an earlier page, decoded; anything else is refused naming `cursor`. */
const EventCursor = z
  .string()
  .max(500)
  .transform((text, ctx) => {
    const key = decodeEventCursor(text);
    if (key) return key;
    ctx.addIssue({ code: 'custom', message: 'not a cursor this API gave out: pass the nextCursor of the previous page, or leave it out for the newest events' });
    return z.NEVER;
  });

/** GET /api/customers/:id/events query. */
export const CustomerEventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: EventCursor.optional(),
  /** Only events with this name (`purchase`, `segment_entered`, …). */
  event: z.string().min(1).max(200).optional(),
});
export type CustomerEventsQuery = z.infer<typeof CustomerEventsQuery>;

/**
 * A page of a customer's events (asked by any of their ids), newest first by (timestamp, id), and the
 * cursor of the next older page (null on the last).
 */
export async function pageOfCustomerEvents(db: Db, requestedId: string, query: CustomerEventsQuery): Promise<{ customerId: string; events: CustomerEvent[]; nextCursor: string | null }> {
  const customerId = (await resolveCustomer(db, requestedId)).id;
  const rows = await customerEventsPage(db, { customerId, name: query.event, before: query.cursor, limit: query.limit + 1 });
  const events = rows.slice(0, query.limit);
  return { customerId, events, nextCursor: rows.length > query.limit ? encodeEventCursor(events.at(-1)) : null };
}
