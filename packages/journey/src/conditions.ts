import type { ConditionGroup, ConditionRule, Rule, SourceRule } from './schema';
import { compareCondition, compareRule } from './compareRule';
import { isHistoryRule, type HistoryAnswers } from './history';
import { describeHistoryCheck, describeHistoryRule, historyMatches } from './historyCheck';

/**
 * What a condition can look at: the customer, the event in hand if there is one, and the answers read from stored
 * history for the group's history rules (absent where history cannot be read: those rules then do not match).
 */
export type Facts = {
  customer: { traits: Record<string, unknown>; lifecycleStage: string | null; email: string | null; subscription: string };
  event?: { name: string; properties: Record<string, unknown> };
  history?: HistoryAnswers;
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
  if (isHistoryRule(rule)) {
    const answer = facts.history?.get(rule);
    const matched = answer !== undefined && historyMatches(rule, answer.count);
    return { rule, actual: answer?.count, matched, text: describeHistoryCheck(rule, answer) };
  }
  const actual = lookupFact(rule, facts);
  const matched = 'source' in rule ? compareRule(rule.op, actual, rule.value) : compareKind(rule, actual);
  const check = { rule, actual, matched };
  return { ...check, text: describeCheck(check, '; ') };
}

type ValueRule = SourceRule | Exclude<ConditionRule, { kind: 'event' | 'email' | 'offer' | 'segment' }>;

function compareKind(rule: Exclude<ValueRule, SourceRule>, actual: unknown): boolean {
  if (rule.kind !== 'stage') return compareCondition(rule.op, actual, rule.value);
  const stages = Array.isArray(rule.value) ? rule.value : [rule.value];
  const inList = typeof actual === 'string' && stages.includes(actual);
  return rule.op === 'neq' ? !inList : inList;
}

/** The value a rule looks at: a trait, a customer field, the stage or an event property, by dotted path. */
export function lookupFact(rule: ValueRule, facts: Facts): unknown {
  if ('source' in rule) {
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
  switch (rule.kind) {
    case 'trait':
      return lookupPath(facts.customer.traits, rule.path);
    case 'customer':
      return facts.customer[rule.field];
    case 'stage':
      return facts.customer.lifecycleStage;
    case 'event_property':
      return facts.event === undefined ? undefined : lookupPath(facts.event.properties, rule.path);
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown rule ${JSON.stringify(unknownRule)}`);
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

/** "`plan` was `pro`<sep>rule `plan = free` did not match"; a history rule says what it read and needed. */
export function describeCheck(check: Omit<RuleCheck, 'text'>, separator: string): string {
  const rule = check.rule;
  if (isHistoryRule(rule)) return describeHistoryCheck(rule, typeof check.actual === 'number' ? { count: check.actual } : undefined);
  const name = factName(rule);
  const seen = check.actual === undefined ? `\`${name}\` was not set` : `\`${name}\` was \`${formatValue(check.actual)}\``;
  return `${seen}${separator}rule \`${describeRule(rule)}\` ${check.matched ? 'matched' : 'did not match'}`;
}

const opWords = {
  eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', not_contains: 'does not contain', in: 'is one of', exists: 'is set', not_exists: 'is not set',
} as const;

/** A rule as a marketer would write it: `plan = free`, `event.amount ≥ 100`, `plan is one of [free, pro]`. */
export function describeRule(rule: Rule): string {
  if (isHistoryRule(rule)) return describeHistoryRule(rule);
  const name = factName(rule);
  const words = opWords[rule.op];
  if (rule.op === 'exists' || rule.op === 'not_exists') return `${name} ${words}`;
  return `${name} ${words} ${formatValue(rule.value)}`;
}

function factName(rule: ValueRule): string {
  if ('source' in rule) return rule.source === 'event' ? `event.${rule.path}` : rule.path;
  switch (rule.kind) {
    case 'trait':
      return rule.path;
    case 'customer':
      return rule.field;
    case 'stage':
      return 'stage';
    case 'event_property':
      return `event.${rule.path}`;
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value) ?? typeof value;
}
