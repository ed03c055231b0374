import { asNumber, durationMs, type Duration, type Operator, type PropertyFilter, type SegmentGroup, type SegmentRule } from '@lifecycle/journey';
import type { AppDatabase } from '../access/appDatabase';
import { CONDITION_FUNCTION } from '../sqliteConditionFunction';
import { postgresJsonValue, sqliteJsonPathLiteral, sqliteJsonValue } from './jsonPath';
import { postgresComparison } from './postgresComparison';

/** A SQL boolean expression (over the customer row `c` where it names one), with its bound parameters. */
export type SqlCondition = { text: string; params: unknown[] };

/** The SQL a condition is written in: the app database's backend (`db.dialect`). */
export type Dialect = AppDatabase['dialect'];

/** What a comparison reads: a JSON column's value at a dotted path, or a text column. */
export type Compared = { column: string; path?: string };

/**
 * One operator applied to a value of the row: the same comparison for traits, customer fields and event properties.
 * On Postgres it reads the jsonb value with its type (postgresComparison.ts); on SQLite the in-code comparison itself
 * answers, as a function of the connection.
 */
export function comparisonSql(compared: Compared, op: Operator, ruleValue: unknown, dialect: Dialect): SqlCondition {
  if (dialect === 'postgres') {
    const value = compared.path === undefined ? `to_jsonb(${compared.column})` : postgresJsonValue(compared.column, compared.path);
    return postgresComparison(value, op, ruleValue);
  }
  const native = sqliteNativeComparison(compared, op, ruleValue);
  if (native) return native;
  // The value as JSON text, compared by the in-code comparison itself (sqliteConditionFunction.ts).
  const json = compared.path === undefined ? `json_quote(${compared.column})` : sqliteJsonValue(compared.column, compared.path);
  return { text: `${CONDITION_FUNCTION}(${json}, ?, ?)`, params: [op, JSON.stringify(ruleValue ?? null)] };
}

/**
 * The common conditions SQLite's own comparison answers exactly as the code does, written natively (a call into
 * JavaScript per row costs about a microsecond): is set / not set, and equal / not equal to a text that reads as no
 * number and no boolean (the code then matches only that very string). Only for a column or a one-key path: a dotted
 * path's lookup can stop at a JSON null that `->>` (NULL for it) would read past.
 */
function sqliteNativeComparison(compared: Compared, op: Operator, ruleValue: unknown): SqlCondition | null {
  if (compared.path?.includes('.')) return null;
  const value = compared.path === undefined ? compared.column : `(${compared.column} ->> ${sqliteJsonPathLiteral(compared.path)})`;
  if (op === 'exists' || op === 'not_exists') return { text: `${value} is ${op === 'exists' ? 'not ' : ''}null`, params: [] };
  // Not a text that looks like JSON of a list or an object either: `->>` answers those as their JSON text.
  const plainText = typeof ruleValue === 'string' && asNumber(ruleValue) === null && ruleValue !== 'true' && ruleValue !== 'false' && !/^[[{]/.test(ruleValue);
  if (!plainText) return null;
  // `->>` answers a string as text, a number as a number (never equal to text), a list or an object as JSON text.
  if (op === 'eq') return { text: `${value} = ?`, params: [ruleValue] };
  if (op === 'neq') return { text: `(${value} is null or ${value} <> ?)`, params: [ruleValue] };
  return null;
}

/**
 * The rows of a customer's history a history question counts, for the customer given by `customer` (`c.id` in a
 * segment's set-based query, `?` for one customer). Segment SQL and the journey history reader share these.
 */
export const historyRows = {
  event(dialect: Dialect, customer: string, event: string, since: string | null, where: readonly PropertyFilter[] = []): SqlCondition {
    const filters = where.map((filter) => comparisonSql({ column: 'e.properties', path: filter.path }, filter.op, filter.value, dialect));
    const text = `from events e where e.customer_id = ${customer} and e.name = ? and e.type in ('track', 'internal')${since ? ' and e.timestamp >= ?' : ''}${filters.map((f) => ` and ${f.text}`).join('')}`;
    return { text, params: [event, ...(since ? [since] : []), ...filters.flatMap((f) => f.params)] };
  },
  email(customer: string, action: 'opened' | 'clicked', since: string | null, send?: { workflowId: string; nodeId: string }): SqlCondition {
    const column = action === 'opened' ? 'd.opened_at' : 'd.clicked_at';
    const text = `from deliveries d where d.customer_id = ${customer} and ${column} is not null${since ? ` and ${column} >= ?` : ''}${send ? ' and d.workflow_id = ? and d.node_id = ?' : ''}`;
    return { text, params: [...(since ? [since] : []), ...(send ? [send.workflowId, send.nodeId] : [])] };
  },
  offer(customer: string, offerId: string | undefined, state: 'granted' | 'redeemed'): SqlCondition {
    const text = `from offer_codes o where o.customer_id = ${customer}${offerId ? ' and o.offer_id = ?' : ''}${state === 'redeemed' ? ' and o.redeemed_at is not null' : ''}`;
    return { text, params: offerId ? [offerId] : [] };
  },
  segment(customer: string, segmentId: string): SqlCondition {
    return { text: `from segment_memberships m where m.customer_id = ${customer} and m.segment_id = ?`, params: [segmentId] };
  },
};

function since(within: Duration | undefined, now: Date): string | null {
  return within ? new Date(now.getTime() - durationMs(within)).toISOString() : null;
}

function exists(rows: SqlCondition, wanted: boolean): SqlCondition {
  return { text: `${wanted ? '' : 'not '}exists (select 1 ${rows.text})`, params: rows.params };
}

function ruleCondition(rule: SegmentRule, now: Date, dialect: Dialect): SqlCondition {
  switch (rule.kind) {
    case 'trait':
      return comparisonSql({ column: 'c.traits', path: rule.path }, rule.op, rule.value, dialect);
    case 'customer':
      return comparisonSql({ column: rule.field === 'email' ? 'c.email' : 'c.subscription' }, rule.op, rule.value, dialect);
    case 'stage': {
      const stages = Array.isArray(rule.value) ? rule.value : [rule.value];
      const list = stages.map(() => '?').join(', ') || 'null';
      if (rule.op === 'neq') return { text: `(c.lifecycle_stage is null or c.lifecycle_stage not in (${list}))`, params: stages };
      return { text: `c.lifecycle_stage in (${list})`, params: stages };
    }
    case 'event': {
      const rows = historyRows.event(dialect, 'c.id', rule.event, since(rule.within, now), rule.where);
      if (rule.op === 'happened') return exists(rows, true);
      if (rule.op === 'not_happened') return exists(rows, false);
      const count = rule.count ?? { op: 'gte', value: 1 };
      const sign = { gte: '>=', lte: '<=', eq: '=' }[count.op];
      return { text: `(select count(*) ${rows.text}) ${sign} ?`, params: [...rows.params, count.value] };
    }
    case 'email':
      if (rule.sendNodeId !== undefined) throw new Error('a segment has no run: an email of a send step cannot be checked');
      return exists(historyRows.email('c.id', rule.action, since(rule.within, now)), rule.op === 'happened');
    case 'offer':
      return exists(historyRows.offer('c.id', rule.offerId, rule.state ?? 'granted'), rule.held);
    case 'segment':
      return exists(historyRows.segment('c.id', rule.segmentId), rule.member);
    case 'event_property':
      throw new Error('a segment has no event in hand: an event property cannot be checked');
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown segment rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

/** The segment as one set-based SQL condition over `customers c`, time windows counted back from `now`. */
export function segmentCondition(group: SegmentGroup, now: Date, dialect: Dialect): SqlCondition {
  // Postgres wants a boolean where SQLite takes any number.
  if (group.conditions.length === 0) return { text: dialect === 'postgres' ? 'true' : '1', params: [] };
  const parts = group.conditions.map((condition) => ('match' in condition ? segmentCondition(condition, now, dialect) : ruleCondition(condition, now, dialect)));
  return { text: `(${parts.map((part) => part.text).join(group.match === 'all' ? ' and ' : ' or ')})`, params: parts.flatMap((part) => part.params) };
}
