import type { Operator } from './schema';

/** Applies one operator to the value seen and the rule's value, with sane coercion ("5" equals 5). */
export function compareRule(op: Operator, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case 'eq':
      return looseEqual(actual, expected);
    case 'neq':
      return !looseEqual(actual, expected);
    case 'gt':
      return compareOrdered(actual, expected, (order) => order > 0);
    case 'gte':
      return compareOrdered(actual, expected, (order) => order >= 0);
    case 'lt':
      return compareOrdered(actual, expected, (order) => order < 0);
    case 'lte':
      return compareOrdered(actual, expected, (order) => order <= 0);
    case 'contains':
      return contains(actual, expected);
    case 'not_contains':
      return isMissing(actual) || !contains(actual, expected);
    case 'in':
      return (Array.isArray(expected) ? expected : [expected]).some((option) =>
        Array.isArray(actual) ? actual.some((item) => looseEqual(item, option)) : looseEqual(actual, option),
      );
    case 'exists':
      return !isMissing(actual);
    case 'not_exists':
      return isMissing(actual);
    default: {
      const unknownOp: never = op;
      throw new Error(`unknown operator ${String(unknownOp)}`);
    }
  }
}

/**
 * The comparison of the one condition language (`kind` rules): as `compareRule`, but text containment ignores case,
 * as segment SQL always did (`instr(lower(…), lower(?))`), so a rule gives one answer in SQL and in code.
 */
export function compareCondition(op: Operator, actual: unknown, expected: unknown): boolean {
  if (op !== 'contains' && op !== 'not_contains') return compareRule(op, actual, expected);
  const lower = (value: unknown): unknown => (typeof value === 'string' ? value.toLowerCase() : Array.isArray(value) ? value.map(lower) : value);
  return compareRule(op, lower(actual), lower(expected));
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

/** Equal as a marketer means it: same text, or the same number / boolean written differently. */
export function looseEqual(left: unknown, right: unknown): boolean {
  if (isMissing(left) || isMissing(right)) return isMissing(left) && isMissing(right);
  if (left === right) return true;
  const leftNumber = asNumber(left);
  const rightNumber = asNumber(right);
  if (leftNumber !== null && rightNumber !== null) return leftNumber === rightNumber;
  if (typeof left === 'boolean' || typeof right === 'boolean') return String(left) === String(right);
  return false;
}

/** A number, or text that reads as a finite number (trimmed, not empty); else null. */
export function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

const isoDate = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function asDate(value: unknown): number | null {
  if (typeof value !== 'string' || !isoDate.test(value)) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

/** Numbers compare as numbers, ISO dates as dates; anything else does not compare (the rule fails). */
function compareOrdered(actual: unknown, expected: unknown, accept: (order: number) => boolean): boolean {
  const leftNumber = asNumber(actual);
  const rightNumber = asNumber(expected);
  if (leftNumber !== null && rightNumber !== null) return accept(Math.sign(leftNumber - rightNumber));
  const leftDate = asDate(actual);
  const rightDate = asDate(expected);
  if (leftDate !== null && rightDate !== null) return accept(Math.sign(leftDate - rightDate));
  return false;
}

/** A string holds the text, or an array holds the item; an array value means "holds every one". */
function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return expected.length > 0 && expected.every((item) => contains(actual, item));
  if (Array.isArray(actual)) return actual.some((item) => looseEqual(item, expected));
  if (isMissing(expected)) return false;
  if (typeof actual === 'string') return actual.includes(String(expected));
  return false;
}
