import { z } from 'zod';
export { Role } from '../auth/roles';

/** An ISO-8601 instant as the API writes it. */
export const Instant = z.string().describe('an ISO-8601 date-time');
/** An ISO-8601 instant, or null when it has not happened. */
export const MaybeInstant = Instant.nullable();
/** Free-form JSON object (traits, properties, details). */
export const JsonObject = z.record(z.string(), z.unknown());
/** The cursor of the next page, or null on the last page. */
export const NextCursor = z.string().nullable().describe('pass as `cursor` for the next page; null on the last page');
/** Where a run is. */
export const RunStatus = z.enum(['running', 'waiting', 'completed', 'failed', 'cancelled', 'converted']);
