import type Database from 'better-sqlite3';
import { compareCondition, type Operator } from '@lifecycle/journey';

/** The function segment SQL calls on SQLite for one condition operator (queries/conditionSql.ts). */
export const CONDITION_FUNCTION = 'lifecycle_condition';

/** Rule values as parsed, by their JSON text: a statement passes the same one for every row it reads. */
const parsedRules = new Map<string, unknown>();

function parsedRule(json: string): unknown {
  let parsed = parsedRules.get(json);
  if (parsed === undefined && !parsedRules.has(json)) {
    if (parsedRules.size >= 1_000) parsedRules.clear();
    parsed = JSON.parse(json) as unknown;
    parsedRules.set(json, parsed);
  }
  return parsed;
}

/**
 * Registers `lifecycle_condition(value, op, rule)` on a SQLite connection: 1 when the JSON `value` (SQL NULL when the
 * path is missing) meets `op` with the JSON `rule`, else 0. It is the in-code comparison journeys use
 * (compareCondition in @lifecycle/journey), so a segment on SQLite holds exactly the customers the code would match:
 * SQLite's own casts read `"abc"` as 0, `"5abc"` as 5 and `true` as 1, and its text search finds `3` in `30`.
 * Postgres has no JavaScript, so its form writes the same rules out in SQL (postgresComparison.ts).
 */
export function registerConditionFunction(sqlite: Database.Database): void {
  sqlite.function(CONDITION_FUNCTION, { deterministic: true }, (value: unknown, op: unknown, rule: unknown) => {
    const actual = typeof value === 'string' ? (JSON.parse(value) as unknown) : undefined;
    return compareCondition(op as Operator, actual, parsedRule(String(rule))) ? 1 : 0;
  });
}
