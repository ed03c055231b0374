import type { GuardedDelete } from '@lifecycle/db';
import { HttpError, notFound } from '../errors';

/**
 * Turns a guarded delete into the answer: 404 when there was nothing, 409 `conflict` naming the journeys (and their
 * ids in `journeys`) whose live version or runs in flight still use the template or offer.
 */
export function assertDeleted(result: GuardedDelete, what: { kind: 'template' | 'offer'; id: string; name: string }): void {
  switch (result.status) {
    case 'deleted':
      return;
    case 'missing':
      throw notFound(what.kind, what.id);
    case 'in_use': {
      const names = result.journeys.map((journey) => `"${journey.name}"`).join(', ');
      throw new HttpError(
        409,
        'conflict',
        `${what.kind} "${what.name}" is used by ${result.journeys.length === 1 ? 'the journey' : `${result.journeys.length} journeys`} ${names} (the live version or runs in flight); publish a version without it and let those runs end, or delete the journey first`,
        { journeys: result.journeys },
      );
    }
    default: {
      const unknown: never = result;
      throw new Error(`unknown delete result ${JSON.stringify(unknown)}`);
    }
  }
}
