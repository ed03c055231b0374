import type { TraitFromAnswer } from './actionNodeFields';
import type { JsonScalar } from './schema';

/** The value at a dotted path of parsed JSON (`data.items.0.id`), own properties only; undefined when absent. */
function valueAt(json: unknown, path: string): unknown {
  let current: unknown = json;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function isScalar(value: unknown): value is JsonScalar {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * The traits a webhook answer gives: each chosen field that is present and a scalar. Missing fields and objects are
 * left out (`skipped` names them), so a receiver that changes its answer never wipes a trait.
 */
export function answerTraits(answerText: string, picks: readonly TraitFromAnswer[]): { traits: Record<string, JsonScalar>; skipped: string[] } {
  const traits: Record<string, JsonScalar> = {};
  const skipped: string[] = [];
  if (picks.length === 0) return { traits, skipped };
  let json: unknown;
  try {
    json = JSON.parse(answerText);
  } catch {
    return { traits, skipped: picks.map((pick) => pick.answerPath) };
  }
  for (const pick of picks) {
    const value = valueAt(json, pick.answerPath);
    if (isScalar(value)) traits[pick.trait] = value;
    else skipped.push(pick.answerPath);
  }
  return { traits, skipped };
}
