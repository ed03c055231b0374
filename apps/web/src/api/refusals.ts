import { ApiError } from './client';

/** Why the API refused a delete: the journeys that still use the thing, or the journey's runs in flight. */
export type DeleteRefusal = { message: string; journeys: { id: string; name: string }[]; runsInFlight: number | null };

/** The 409 `conflict` of a delete as the page shows it; null for any other error. */
export function deleteRefusal(error: unknown): DeleteRefusal | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const body = (error.body ?? {}) as { journeys?: unknown; runsInFlight?: unknown };
  const journeys = Array.isArray(body.journeys) ? (body.journeys as { id: string; name: string }[]) : [];
  return { message: error.message, journeys, runsInFlight: typeof body.runsInFlight === 'number' ? body.runsInFlight : null };
}
