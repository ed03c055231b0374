import { z } from 'zod';
import { HealthBand, TRAIT_PATH_RULE, TraitPath } from '@lifecycle/journey';
import { activeRunIdsOfCustomer, aliasesOf, countCustomers, customerEventsPage, deleteCustomerRows, listCustomerPage, listSegments, markSuppressed, membershipsOf, messagesOf, offersHeldBy, runsOf, stageHistoryOf, type Customer, type Db } from '@lifecycle/db';
import { HttpError } from '../errors';
import type { RunStarter } from '../runStarter';
import { encodeEventCursor, PROFILE_EVENTS } from './customerEvents';
import { resolveCustomer } from './resolveCustomer';

/** `key=value` of the trait filter: the key a trait path (checked, so it never reaches SQL as path syntax), the value text. */
const TraitFilter = z
  .string()
  .max(400)
  .transform((text, ctx) => {
    const at = text.indexOf('=');
    const path = TraitPath.safeParse(at < 0 ? '' : text.slice(0, at));
    if (at >= 0 && path.success) return { path: path.data, value: text.slice(at + 1) };
    ctx.addIssue({ code: 'custom', message: `write it as key=value, where ${TRAIT_PATH_RULE}` });
    return z.NEVER;
  });

/** GET /api/customers query: search, filters and a keyset cursor (the last id of the previous page). */
export const CustomerQuery = z.object({
  /** The start of an id (current or former, e.g. `anon:…` after a merge) or of an email. */
  q: z.string().max(200).optional(),
  stage: z.string().max(64).optional(),
  segmentId: z.string().max(200).optional(),
  /** `key=value`: customers whose trait `key` (a dotted trait path) equals `value`. */
  trait: TraitFilter.optional(),
  /** Only customers in this health band. */
  health: HealthBand.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
  /**
   * `id` (the default), `name`, `email`: natural order (cust-2 before cust-10; a missing name or email last);
   * `created`: first seen; `clv`: highest revenue to date first.
   */
  sort: z.enum(['id', 'name', 'email', 'created', 'clv']).default('id'),
  /** `desc` reverses the order (not for `clv`, always highest first). */
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type CustomerQuery = z.infer<typeof CustomerQuery>;

/** Past this many matches a filtered total is reported as "more than" instead of counted on (1M rows stay fast). */
export const FILTERED_COUNT_CAP = 10_000;

/** A page of customers in the chosen order, the cursor of the next (null on the last page) and how many match. */
export async function pageOfCustomers(db: Db, query: CustomerQuery) {
  const filters = {
    q: query.q || undefined,
    stage: query.stage || undefined,
    segmentId: query.segmentId || undefined,
    traitKey: query.trait?.path,
    traitValue: query.trait?.value,
    healthBand: query.health,
  };
  const rows = await listCustomerPage(db, { ...filters, sort: query.sort, descending: query.dir === 'desc', after: decodeCursor(query.cursor), limit: query.limit + 1 });
  const customers = rows.slice(0, query.limit).map(({ sortKey: _sortKey, ...customer }) => customer);
  const last = rows[query.limit - 1];
  const nextCursor = rows.length > query.limit && last ? encodeCursor(last.sortKey, last.id) : null;
  return { customers, nextCursor, total: await countCustomers(db, filters, FILTERED_COUNT_CAP) };
}

/** The keyset of the last row shown, opaque to the client (a sort key may hold any character). */
function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

const CursorKeyset = z.tuple([z.union([z.string(), z.number()]), z.string()]);

/** The keyset a cursor names; a malformed one starts from the top. */
function decodeCursor(cursor: string | undefined): { key: string | number; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = CursorKeyset.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { key: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Everything the profile page shows about one customer. Asked by a former id, it answers the customer
 * that id became: `customer.id` is the current id, `requestedId` the one asked for, `aliases` every former id.
 */
export async function customerProfile(db: Db, requestedId: string) {
  const customer = await resolveCustomer(db, requestedId);
  const id = customer.id;
  const segmentNames = new Map((await listSegments(db)).map((segment) => [segment.id, segment.name]));
  const events = await customerEventsPage(db, { customerId: id, limit: PROFILE_EVENTS + 1 });
  const shown = events.slice(0, PROFILE_EVENTS);
  return {
    customer,
    requestedId,
    aliases: await aliasesOf(db, id),
    stageHistory: await stageHistoryOf(db, id),
    segments: (await membershipsOf(db, id)).map((m) => ({ ...m, name: segmentNames.get(m.segmentId) ?? m.segmentId })),
    /** The newest events; older ones page from GET /api/customers/:id/events?cursor=eventsNextCursor. */
    events: shown,
    eventsNextCursor: events.length > PROFILE_EVENTS ? encodeEventCursor(shown.at(-1)) : null,
    messages: await messagesOf(db, id),
    offers: await offersHeldBy(db, id),
    runs: await runsOf(db, id),
  };
}

/**
 * Deletes a customer (by any of their ids) and all their data, after cancelling their active runs in
 * Temporal (so no run sends to them afterwards). When Temporal cannot be reached nothing is deleted: 503, try again.
 */
export async function deleteCustomer(db: Db, temporal: RunStarter, requestedId: string): Promise<{ customerId: string; cancelledRuns: number }> {
  const id = (await resolveCustomer(db, requestedId)).id;
  let cancelledRuns = 0;
  for (const workflowId of await activeRunIdsOfCustomer(db, id)) {
    try {
      if ((await temporal.cancel?.(workflowId)) === 'cancelled') cancelledRuns += 1;
    } catch (error) {
      throw new HttpError(503, 'temporal_unavailable', `could not cancel run ${workflowId}; nothing was deleted: ${(error as Error).message}`);
    }
  }
  await db.transaction(async () => await deleteCustomerRows(db, id), { customers: [id] });
  return { customerId: id, cancelledRuns };
}

/** Marks a customer (by any of their ids) suppressed (never messaged again; the worker's sendEmail skips them) or lifts it. */
export async function setSuppressed(db: Db, requestedId: string, suppressed: boolean): Promise<Customer> {
  const id = (await resolveCustomer(db, requestedId)).id;
  if (!(await markSuppressed(db, id, suppressed))) throw new HttpError(404, 'not_found', `no customer ${requestedId}`);
  return await resolveCustomer(db, id);
}
