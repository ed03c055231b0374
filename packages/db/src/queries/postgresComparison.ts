import { asNumber, type JsonScalar, type Operator } from '@lifecycle/journey';
import type { SqlCondition } from './conditionSql';

/** A jsonb value read once: the value (JSON null as NULL), its jsonb_typeof and its text (`#>> '{}'`, strings unquoted). */
type Read = { value: string; type: string; text: string };

/** The value read as a column of `compared`, once per row (OFFSET 0 keeps Postgres from copying its expression into every use). */
const compared: Read = { value: 'compared.v', type: 'compared.t', text: 'compared.s' };

/** An item of a list, as a column of `items`. */
const item: Read = { value: 'items.v', type: 'items.t', text: 'items.s' };

/**
 * The Postgres form of one condition operator, answering as the in-code comparison does (compareRule.ts): it reads the
 * jsonb value itself (its type, not only its text), so `"5"` equals 5, 5.0 equals 5, `true` is not 1, `"abc"` is no
 * number, ISO dates compare as instants and lists are searched item by item. Every comparison is an EXISTS over the
 * value read, so it is true or false, never NULL. No cast can fail: text is read as a number or a date only after a
 * guard says it is one. Parameters carry their type (`?::text`), which Postgres cannot always infer.
 */
export function postgresComparison(jsonb: string, op: Operator, expected: unknown): SqlCondition {
  const read = `select nullif(${jsonb}, 'null'::jsonb) as v, jsonb_typeof(${jsonb}) as t, ${jsonb} #>> '{}' as s offset 0`;
  const within = (condition: SqlCondition, holds = true): SqlCondition => ({
    text: `${holds ? '' : 'not '}exists (select 1 from (${read}) as compared where ${condition.text})`,
    params: condition.params,
  });
  switch (op) {
    case 'eq':
      return within(looseEqual(compared, expected));
    case 'neq':
      return within(looseEqual(compared, expected), false);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return within(ordered(compared, op, expected));
    case 'contains':
      return within(contains(compared, lowered(expected)));
    case 'not_contains':
      return within(contains(compared, lowered(expected)), false);
    case 'in': {
      // A list is one of the options when one of its items is (its items are read only then: that costs a row set).
      const options = Array.isArray(expected) ? expected : [expected];
      if (options.length === 0) return FALSE;
      const itemIn = anyOf(options.map((option) => looseEqual(item, option)));
      const valueIn = anyOf(options.map((option) => looseEqual(compared, option)));
      return within({
        text: `case when compared.t = 'array' then exists (select 1 ${items('compared.v')} where ${itemIn.text}) else ${valueIn.text} end`,
        params: [...itemIn.params, ...valueIn.params],
      });
    }
    case 'exists':
      return within({ text: 'compared.v is not null', params: [] });
    case 'not_exists':
      return within({ text: 'compared.v is not null', params: [] }, false);
    default: {
      const unknownOp: never = op;
      throw new Error(`unknown operator ${String(unknownOp)}`);
    }
  }
}

const FALSE: SqlCondition = { text: 'false', params: [] };

function anyOf(conditions: SqlCondition[]): SqlCondition {
  return { text: `(${conditions.map((c) => c.text).join(' or ')})`, params: conditions.flatMap((c) => c.params) };
}

/** The items of a jsonb list as rows of `items` (see `item`). */
function items(list: string): string {
  return `from (select nullif(raw, 'null'::jsonb) as v, jsonb_typeof(raw) as t, raw #>> '{}' as s from jsonb_array_elements(${list}) as element(raw)) as items`;
}

/** As compareCondition lowers text for containment: strings, and the strings of a list. */
function lowered(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : Array.isArray(value) ? value.map(lowered) : value;
}

/**
 * looseEqual of a value read and a rule value known now: the same text, the same number however either is written, or
 * a boolean and its text (`String(x)`: a list's text is its items joined, so `[true]` reads as "true"). `lower`: the
 * value's strings are compared lowered (the rule value comes lowered by the caller, and is lowered by Postgres too, so
 * a letter Postgres's lower() leaves alone still meets itself).
 */
function looseEqual(read: Read, expected: unknown, lower = false): SqlCondition {
  if (expected === null || expected === undefined) return { text: `${read.value} is null`, params: [] };
  const text = lower ? `lower(${read.text})` : read.text;
  if (Array.isArray(expected)) {
    const joined = String(expected);
    return joined === 'true' || joined === 'false' ? { text: `(${read.type} = 'boolean' and ${text} = ?::text)`, params: [joined] } : FALSE;
  }
  const forms: SqlCondition[] = [];
  if (typeof expected === 'string') forms.push({ text: `(${read.type} = 'string' and ${text} = ${lower ? 'lower(?::text)' : '?::text'})`, params: [expected] });
  const number = asNumber(expected);
  if (number !== null) forms.push({ text: `${numberOf(read)} = ?::double precision`, params: [number] });
  if (typeof expected === 'boolean') {
    forms.push({ text: `(${read.type} in ('boolean', 'string') and ${text} = ?::text)`, params: [String(expected)] });
    // A list whose only item (however deep) is that boolean or its text.
    const listText = `ltrim(rtrim(${lower ? `lower(${read.value}::text)` : `${read.value}::text`}, ']'), '[')`;
    forms.push({ text: `(${read.type} = 'array' and ${listText} in (?::text, ?::text))`, params: [String(expected), `"${String(expected)}"`] });
  }
  if (expected === 'true' || expected === 'false') forms.push({ text: `(${read.type} = 'boolean' and ${text} = ?::text)`, params: [expected] });
  return { text: `(${forms.map((form) => form.text).join(' or ')})`, params: forms.flatMap((form) => form.params) };
}

/** Numbers compare as numbers, ISO dates as instants; any other rule value compares with nothing. */
function ordered(read: Read, op: 'gt' | 'gte' | 'lt' | 'lte', expected: unknown): SqlCondition {
  const sign = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[op];
  const number = asNumber(expected);
  if (number !== null) return { text: `${numberOf(read)} ${sign} ?::double precision`, params: [number] };
  const instant = typeof expected === 'string' && ISO_DATE.test(expected) ? Date.parse(expected) : Number.NaN;
  if (!Number.isNaN(instant)) return { text: `${instantOf(read)} ${sign} ?::bigint`, params: [instant] };
  return FALSE;
}

/** A string holds the text, a list holds an item equal to it; a list of texts means "holds every one". */
function contains(read: Read, expected: unknown): SqlCondition {
  if (Array.isArray(expected)) {
    const every = (expected as JsonScalar[]).map((one) => contains(read, one));
    return every.length === 0 ? FALSE : { text: `(${every.map((c) => c.text).join(' and ')})`, params: every.flatMap((c) => c.params) };
  }
  const text = expected as JsonScalar | undefined;
  const equal = looseEqual(item, text, true);
  const inList = `exists (select 1 ${items(read.value)} where ${equal.text})`;
  if (text === null || text === undefined) return { text: `(${read.type} = 'array' and ${inList})`, params: equal.params };
  return {
    text: `case ${read.type} when 'array' then ${inList} when 'string' then strpos(lower(${read.text}), lower(?::text)) > 0 else false end`,
    params: [...equal.params, String(text)],
  };
}

/** What JavaScript's trim() and Number() skip: white space and line terminators. */
const JS_SPACE = `U&'\\0009\\000A\\000B\\000C\\000D\\0020\\00A0\\1680\\2000\\2001\\2002\\2003\\2004\\2005\\2006\\2007\\2008\\2009\\200A\\2028\\2029\\202F\\205F\\3000\\FEFF'`;

/**
 * A decimal number as Number() reads one. The length and a three-digit exponent keep the numeric cast in range
 * (hexadecimal, octal and binary text, which Number() also reads, are not numbers here).
 */
const DECIMAL = `'^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?0*[0-9]{1,3})?$'`;

/** A numeric as the double Number() makes of it: beyond the largest double it is Infinity (no number), below the least, 0. */
function toDouble(numeric: string): string {
  return `case when abs(${numeric}) >= 1.7976931348623158079e308 then null when abs(${numeric}) <= 2.4703282292062328e-324 then 0 else (${numeric})::double precision end`;
}

/** asNumber of a value read, as double precision: a JSON number, or a string Number() reads as a finite number; else NULL. */
function numberOf(read: Read): string {
  const trimmed = `btrim(${read.text}, ${JS_SPACE})`;
  const fromText = `case when length(${trimmed}) <= 1000 and ${trimmed} ~ ${DECIMAL} then ${toDouble(`${trimmed}::numeric`)} end`;
  return `(case ${read.type} when 'number' then ${toDouble(`(${read.value})::numeric`)} when 'string' then ${fromText} end)`;
}

/** The ISO date forms compareRule.ts reads as dates (asDate), in JavaScript and as a Postgres regular expression. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ISO_DATE_SQL = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$'`;

/**
 * Date.parse of an ISO date string as milliseconds since 1970, or NULL: computed from its fields, as JavaScript does
 * (day 31 of any month rolls over, 24:00 is the next midnight, a fraction is cut to milliseconds, year 0000 exists), so
 * no date cast can fail. A time without a zone is read as UTC (JavaScript reads it in the process's zone: run in UTC).
 * Once the form is checked every field has its place, so it is cut out by position (capturing them with a regular
 * expression costs Postgres tens of microseconds a row). The 400 years added before make_date and taken off after (146097 days)
 * keep year 0000 inside Postgres's calendar.
 */
function instantOf(read: Read): string {
  const text = read.text;
  const at = (from: number, length = 2) => `substr(${text}, ${from}, ${length})`;
  // A zone follows a time (16 characters): Z, ±HH:MM or ±HHMM.
  const zoneLength = `case when length(${text}) <= 16 then 0 when right(${text}, 1) = 'Z' then 1 when substr(${text}, length(${text}) - 5, 1) in ('+', '-') then 6 when substr(${text}, length(${text}) - 4, 1) in ('+', '-') then 5 else 0 end`;
  const zone = `right(${text}, ${zoneLength})`;
  const zoneMinutes = `case when ${zone} in ('', 'Z') then 0 else (left(${zone}, 1) || '1')::int * (substr(${zone}, 2, 2)::int * 60 + right(${zone}, 2)::int) end`;
  const hour = `coalesce(nullif(${at(12)}, '')::int, 0)`;
  const minute = `coalesce(nullif(${at(15)}, '')::int, 0)`;
  const second = `case when ${at(17, 1)} = ':' then ${at(18)}::int else 0 end`;
  const fraction = `case when ${at(20, 1)} = '.' then substr(${text}, 21, length(${text}) - 20 - (${zoneLength})) else '' end`;
  const valid = [
    `${at(6)}::int between 1 and 12`,
    `${at(9)}::int between 1 and 31`,
    `(${hour} <= 23 or (${hour} = 24 and ${minute} = 0 and ${second} = 0 and ${fraction} !~ '[1-9]'))`,
    `${minute} <= 59`,
    `${second} <= 59`,
    `case when ${zone} in ('', 'Z') then true else substr(${zone}, 2, 2)::int <= 23 and right(${zone}, 2)::int <= 59 end`,
  ].join(' and ');
  const days = `(make_date(${at(1, 4)}::int + 400, ${at(6)}::int, 1) - date '1970-01-01' - 146097 + ${at(9)}::int - 1)`;
  const ms = `${days}::bigint * 86400000 + ${hour} * 3600000 + ${minute} * 60000 + ${second} * 1000 + rpad(left(${fraction}, 3), 3, '0')::int - (${zoneMinutes}) * 60000`;
  return `(case when ${read.type} = 'string' and ${text} ~ ${ISO_DATE_SQL} then case when ${valid} then ${ms} end end)`;
}
