import type { ConditionGroup, Rule } from './schema';
import { compareRule } from './compareRule';

/** What a condition can look at: the customer, and the event in hand if there is one. */
export type Facts = {
  customer: { traits: Record<string, unknown>; lifecycleStage: string | null; email: string | null; subscription: string };
  event?: { name: string; properties: Record<string, unknown> };
};

/** One rule as it was checked: the value it saw and a sentence saying what happened. */
export type RuleCheck = { rule: Rule; actual: unknown; matched: boolean; text: string };

/** Whether a condition group matched, with every rule check (nested groups flattened, in order). */
export type ConditionResult = { matched: boolean; checks: RuleCheck[] };

/**
 * Evaluates a condition group against the facts. Every rule is checked (no short-circuit) so the
 * result can explain itself. A group with no rules matches: it restricts nothing yet.
 */
export function evaluateCondition(group: ConditionGroup, facts: Facts): ConditionResult {
  const checks: RuleCheck[] = [];
  const outcomes = group.conditions.map((condition) => {
    if ('match' in condition) {
      const nested = evaluateCondition(condition, facts);
      checks.push(...nested.checks);
      return nested.matched;
    }
    const check = checkRule(condition, facts);
    checks.push(check);
    return check.matched;
  });
  if (outcomes.length === 0) return { matched: true, checks };
  const matched = group.match === 'all' ? outcomes.every(Boolean) : outcomes.some(Boolean);
  return { matched, checks };
}

/** Checks one rule against the facts. */
export function checkRule(rule: Rule, facts: Facts): RuleCheck {
  const actual = lookupFact(rule, facts);
  const matched = compareRule(rule.op, actual, rule.value);
  const check = { rule, actual, matched };
  return { ...check, text: describeCheck(check, '; ') };
}

/** The value a rule looks at: a trait, a customer field or an event property, by dotted path. */
export function lookupFact(rule: Rule, facts: Facts): unknown {
  switch (rule.source) {
    case 'trait':
      return lookupPath(facts.customer.traits, rule.path);
    case 'customer':
      return lookupPath(facts.customer, rule.path);
    case 'event':
      return facts.event === undefined ? undefined : lookupPath(facts.event.properties, rule.path);
    default: {
      const unknownSource: never = rule.source;
      throw new Error(`unknown rule source ${String(unknownSource)}`);
    }
  }
}

/** Reads `a.b.c` from nested objects; a key that itself contains dots (`"address.city": …`) wins. */
export function lookupPath(root: unknown, path: string): unknown {
  if (!isRecord(root)) return undefined;
  if (Object.hasOwn(root, path)) return root[path];
  const [head, ...rest] = path.split('.');
  if (head === undefined || rest.length === 0 || !Object.hasOwn(root, head)) return undefined;
  return lookupPath(root[head], rest.join('.'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "`plan` was `pro`<sep>rule `plan = free` did not match". */
export function describeCheck(check: Omit<RuleCheck, 'text'>, separator: string): string {
  const name = factName(check.rule);
  const seen = check.actual === undefined ? `\`${name}\` was not set` : `\`${name}\` was \`${formatValue(check.actual)}\``;
  return `${seen}${separator}rule \`${describeRule(check.rule)}\` ${check.matched ? 'matched' : 'did not match'}`;
}

/** A rule as a marketer would write it: `plan = free`, `event.amount ≥ 100`, `plan is one of [free, pro]`. */
export function describeRule(rule: Rule): string {
  const name = factName(rule);
  const value = formatValue(rule.value);
  switch (rule.op) {
    case 'eq':
      return `${name} = ${value}`;
    case 'neq':
      return `${name} ≠ ${value}`;
    case 'gt':
      return `${name} > ${value}`;
    case 'gte':
      return `${name} ≥ ${value}`;
    case 'lt':
      return `${name} < ${value}`;
    case 'lte':
      return `${name} ≤ ${value}`;
    case 'contains':
      return `${name} contains ${value}`;
    case 'not_contains':
      return `${name} does not contain ${value}`;
    case 'in':
      return `${name} is one of ${value}`;
    case 'exists':
      return `${name} is set`;
    case 'not_exists':
      return `${name} is not set`;
    default: {
      const unknownOp: never = rule.op;
      throw new Error(`unknown operator ${String(unknownOp)}`);
    }
  }
}

function factName(rule: Rule): string {
  return rule.source === 'event' ? `event.${rule.path}` : rule.path;
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value) ?? typeof value;
}
