import { durationMs, type JsonScalar, type SegmentGroup, type SegmentRule } from '@lifecycle/journey';
import { sqliteJsonPathLiteral } from '@lifecycle/db';

/** A SQL boolean expression over the customer row `c`, with its bound parameters. */
export type SqlCondition = { text: string; params: unknown[] };

const TRUE: SqlCondition = { text: '1', params: [] };

/** The forms a marketer's value takes in SQLite: "5" also matches 5, true also matches 1. */
function equalTo(expr: string, value: JsonScalar): SqlCondition {
  if (value === null) return { text: `${expr} is null`, params: [] };
  if (typeof value === 'boolean') return { text: `(${expr} = ? or ${expr} = ?)`, params: [value ? 1 : 0, String(value)] };
  const asNumber = typeof value === 'number' ? value : value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null;
  if (asNumber === null) return { text: `${expr} = ?`, params: [value] };
  return { text: `(${expr} = ? or ${expr} = ? or (typeof(${expr}) = 'text' and trim(${expr}) != '' and cast(${expr} as real) = ?))`, params: [String(value), asNumber, asNumber] };
}

function scalar(value: unknown): JsonScalar {
  return Array.isArray(value) ? (value[0] as JsonScalar) ?? null : ((value ?? null) as JsonScalar);
}

function traitCondition(rule: Extract<SegmentRule, { kind: 'trait' }>): SqlCondition {
  // The path is written into the SQL as a literal (each key quoted and escaped) so each value is the only parameter.
  const expr = `json_extract(c.traits, ${sqliteJsonPathLiteral(rule.path)})`;
  const value = scalar(rule.value);
  switch (rule.op) {
    case 'eq':
      return equalTo(expr, value);
    case 'neq': {
      const equal = equalTo(expr, value);
      return { text: `(${expr} is null or not ${equal.text})`, params: equal.params };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const sign = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[rule.op];
      const numeric = typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
      return numeric ? { text: `(${expr} is not null and cast(${expr} as real) ${sign} ?)`, params: [Number(value)] } : { text: `${expr} ${sign} ?`, params: [value] };
    }
    case 'contains':
      return { text: `instr(lower(${expr}), lower(?)) > 0`, params: [String(value)] };
    case 'not_contains':
      return { text: `(${expr} is null or instr(lower(${expr}), lower(?)) = 0)`, params: [String(value)] };
    case 'in': {
      const options = (Array.isArray(rule.value) ? rule.value : [rule.value ?? null]).map((option) => equalTo(expr, option));
      return options.length === 0 ? { text: '0', params: [] } : { text: `(${options.map((o) => o.text).join(' or ')})`, params: options.flatMap((o) => o.params) };
    }
    case 'exists':
      return { text: `${expr} is not null`, params: [] };
    case 'not_exists':
      return { text: `${expr} is null`, params: [] };
    default: {
      const unknownOp: never = rule.op;
      throw new Error(`unknown operator ${String(unknownOp)}`);
    }
  }
}

function since(within: { amount: number; unit: 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' } | undefined, now: Date): string | null {
  return within ? new Date(now.getTime() - durationMs(within)).toISOString() : null;
}

function ruleCondition(rule: SegmentRule, now: Date): SqlCondition {
  switch (rule.kind) {
    case 'trait':
      return traitCondition(rule);
    case 'stage': {
      const stages = Array.isArray(rule.value) ? rule.value : [rule.value];
      const list = stages.map(() => '?').join(', ') || 'null';
      if (rule.op === 'neq') return { text: `(c.lifecycle_stage is null or c.lifecycle_stage not in (${list}))`, params: stages };
      return { text: `c.lifecycle_stage in (${list})`, params: stages };
    }
    case 'event': {
      const from = since(rule.within, now);
      const events = `from events e where e.customer_id = c.id and e.name = ? and e.type in ('track', 'internal')${from ? ' and e.timestamp >= ?' : ''}`;
      const params: unknown[] = from ? [rule.event, from] : [rule.event];
      if (rule.op === 'happened') return { text: `exists (select 1 ${events})`, params };
      if (rule.op === 'not_happened') return { text: `not exists (select 1 ${events})`, params };
      const count = rule.count ?? { op: 'gte', value: 1 };
      const sign = { gte: '>=', lte: '<=', eq: '=' }[count.op];
      return { text: `(select count(*) ${events}) ${sign} ?`, params: [...params, count.value] };
    }
    case 'email': {
      const column = rule.action === 'opened' ? 'd.opened_at' : 'd.clicked_at';
      const from = since(rule.within, now);
      const text = `exists (select 1 from deliveries d where d.customer_id = c.id and ${column} is not null${from ? ` and ${column} >= ?` : ''})`;
      return { text: rule.op === 'happened' ? text : `not ${text}`, params: from ? [from] : [] };
    }
    case 'offer': {
      const text = `exists (select 1 from offer_codes o where o.customer_id = c.id${rule.offerId ? ' and o.offer_id = ?' : ''})`;
      return { text: rule.held ? text : `not ${text}`, params: rule.offerId ? [rule.offerId] : [] };
    }
    case 'segment': {
      const text = 'exists (select 1 from segment_memberships m where m.segment_id = ? and m.customer_id = c.id)';
      return { text: rule.member ? text : `not ${text}`, params: [rule.segmentId] };
    }
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown segment rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

/** The segment as one SQL condition over `customers c`, time windows counted back from `now`. */
export function segmentCondition(group: SegmentGroup, now: Date): SqlCondition {
  if (group.conditions.length === 0) return TRUE;
  const parts = group.conditions.map((condition) => ('match' in condition ? segmentCondition(condition, now) : ruleCondition(condition, now)));
  return { text: `(${parts.map((part) => part.text).join(group.match === 'all' ? ' and ' : ' or ')})`, params: parts.flatMap((part) => part.params) };
}
