import type { CodesAdded } from '../api/offers';

/** Up to this many skipped codes are named; the rest are counted. */
const NAMED = 8;

function named(codes: string[]): string {
  const shown = codes.slice(0, NAMED).join(', ');
  return codes.length > NAMED ? `${shown} and ${codes.length - NAMED} more` : shown;
}

/** "3 codes added to Spring; 10 left. Skipped: B1 (repeated in the list); A1 (already in the pool)." */
export function codesAddedText(offerName: string, result: CodesAdded): string {
  const added = `${result.added} ${result.added === 1 ? 'code' : 'codes'} added to ${offerName}; ${result.codesLeft} left.`;
  if (result.skipped.length === 0) return added;
  const repeated = result.skipped.filter((skip) => skip.reason === 'repeated_in_list').map((skip) => skip.code);
  const present = result.skipped.filter((skip) => skip.reason === 'already_in_pool').map((skip) => skip.code);
  const reasons = [
    repeated.length > 0 ? `${named(repeated)} ${repeated.length === 1 ? 'was' : 'were'} in the list more than once` : null,
    present.length > 0 ? `${named(present)} ${present.length === 1 ? 'is' : 'are'} already in the pool` : null,
  ].filter((reason): reason is string => reason !== null);
  return `${added} ${result.skipped.length} skipped: ${reasons.join('; ')}.`;
}
