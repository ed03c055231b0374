import type { HistoryAnswer, HistoryRule } from './history';
import type { Duration, HistoryCount } from './schema';

const countSign = { gte: '≥', lte: '≤', eq: '=' } as const;
const filterWords = {
  eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', not_contains: 'does not contain', in: 'is one of', exists: 'is set', not_exists: 'is not set',
} as const;

function filterValue(value: unknown): string {
  if (value === undefined) return '';
  return ` ${Array.isArray(value) ? `[${value.map((item) => JSON.stringify(item)).join(', ')}]` : typeof value === 'string' ? value : JSON.stringify(value)}`;
}

/** The count a history rule needs, as a test on the number read. */
function needed(rule: HistoryRule): HistoryCount {
  switch (rule.kind) {
    case 'event':
      return rule.op === 'count' ? (rule.count ?? { op: 'gte', value: 1 }) : rule.op === 'happened' ? { op: 'gte', value: 1 } : { op: 'eq', value: 0 };
    case 'email':
      return rule.op === 'happened' ? { op: 'gte', value: 1 } : { op: 'eq', value: 0 };
    case 'offer':
      return rule.held ? { op: 'gte', value: 1 } : { op: 'eq', value: 0 };
    case 'segment':
      return rule.member ? { op: 'gte', value: 1 } : { op: 'eq', value: 0 };
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown history rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

/** Whether the count read satisfies the rule. */
export function historyMatches(rule: HistoryRule, count: number): boolean {
  const need = needed(rule);
  return need.op === 'gte' ? count >= need.value : need.op === 'lte' ? count <= need.value : count === need.value;
}

function windowText(within: Duration | undefined): string {
  if (!within) return 'ever';
  return `in the last ${within.amount} ${within.amount === 1 ? within.unit.replace(/s$/, '') : within.unit}`;
}

function times(count: number): string {
  return count === 1 ? '1 time' : `${count} times`;
}

/**
 * What was read and what was needed, in words: "`purchase` 0 times in the last 30 days (needed ≥ 1)",
 * "in segment `VIPs`: no (needed yes)". Null count: the history could not be read where the rule was checked.
 */
export function describeHistoryCheck(rule: HistoryRule, answer: HistoryAnswer | undefined): string {
  const need = needed(rule);
  const needText = `needed ${countSign[need.op]} ${need.value}`;
  const count = answer?.count;
  switch (rule.kind) {
    case 'event': {
      const filters = rule.where?.length ? ` with ${rule.where.map((f) => `${f.path} ${filterWords[f.op]}${filterValue(f.value)}`).join(' and ')}` : '';
      const seen = count === undefined ? 'not read here' : times(count);
      return `\`${rule.event}\`${filters} ${seen} ${windowText(rule.within)} (${needText})`;
    }
    case 'email': {
      const which = rule.sendNodeId ? `the email of \`${rule.sendNodeId}\` (this run)` : `any email ${windowText(rule.within)}`;
      return `${rule.action} ${which}: ${count === undefined ? 'not read here' : times(count)} (${needText})`;
    }
    case 'offer': {
      const offer = answer?.name ?? rule.offerId ?? 'any offer';
      const state = rule.state ?? 'granted';
      return `codes of \`${offer}\` ${state}: ${count === undefined ? 'not read here' : count} (${needText})`;
    }
    case 'segment': {
      const segment = answer?.name ?? rule.segmentId;
      return `in segment \`${segment}\`: ${count === undefined ? 'not read here' : count > 0 ? 'yes' : 'no'} (needed ${rule.member ? 'yes' : 'no'})`;
    }
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown history rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

/** A history rule as a marketer reads it, before anything is read: "`purchase` in the last 30 days (needs ≥ 1)". */
export function describeHistoryRule(rule: HistoryRule): string {
  const need = needed(rule);
  const needText = `needs ${countSign[need.op]} ${need.value}`;
  switch (rule.kind) {
    case 'event': {
      const filters = rule.where?.length ? ` with ${rule.where.map((f) => `${f.path} ${filterWords[f.op]}${filterValue(f.value)}`).join(' and ')}` : '';
      return `\`${rule.event}\`${filters} ${windowText(rule.within)} (${needText})`;
    }
    case 'email':
      return `${rule.action} ${rule.sendNodeId ? `the email of \`${rule.sendNodeId}\` (this run)` : `any email ${windowText(rule.within)}`} (${needText})`;
    case 'offer':
      return `codes of \`${rule.offerId ?? 'any offer'}\` ${rule.state ?? 'granted'} (${needText})`;
    case 'segment':
      return `in segment \`${rule.segmentId}\` (needs ${rule.member ? 'yes' : 'no'})`;
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown history rule ${JSON.stringify(unknownRule)}`);
    }
  }
}
