import type { z } from 'zod';
import { fieldLabel } from './fieldLabels';
import { contextOf, durationSubject, missingPrompt, unitOf, type FieldContext } from './issuePhrases';
import { fieldKeyAt, labelOf, placeOf, valueAt } from './issuePlaces';
import { wholeSentence } from './waitPhrases';

type ZodIssue = z.core.$ZodIssue;

/** A zod issue reduced to what a person is told: where (the path, for machines) and what to do (for people). */
export type HumanIssue = { path: PropertyKey[]; code: string; message: string };

/** A union issue ("no option matched") is replaced by the issues of its closest option, so the real field is named. */
export function flattenIssues(issues: readonly ZodIssue[], prefix: readonly PropertyKey[] = []): { issue: ZodIssue; path: PropertyKey[] }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, option) => (option.length < best.length ? option : best));
      if (closest.length > 0) return flattenIssues(closest, path);
    }
    return [{ issue, path }];
  });
}

/**
 * Every issue of a failed parse in words for people, with the field's label and unit and where in nested lists it sits
 * ("Condition 1 of branch 2: pick a trait", "A wait can be at most 3,650 days"). `root` is the value that was parsed:
 * it tells a missing field from a wrong one, and gives a number its unit.
 */
export function humanIssues(issues: readonly ZodIssue[], root: unknown, prefix: readonly PropertyKey[] = []): HumanIssue[] {
  // An empty field fails several checks at once (length and pattern): it is asked for once.
  const said = new Set<string>();
  return flattenIssues(issues).flatMap(({ issue, path }) => {
    const message = humanMessage(issue, path, root);
    const key = path.map(String).join('.');
    if (said.has(`${key}|${message}`) || (isEmpty(valueAt(root, path)) && [...said].some((seen) => seen.startsWith(`${key}|`)))) return [];
    said.add(`${key}|${message}`);
    return [{ path: [...prefix, ...path], code: issue.code, message }];
  });
}

function isEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === '';
}

/** One issue in words for people (see `humanIssues`); `path` is the issue's full path inside `root`. */
export function humanMessage(issue: ZodIssue, path: readonly PropertyKey[], root: unknown): string {
  const context = contextOf(root, path);
  const message = issueSentence(issue, path, context, root);
  const place = placeOf(root, path);
  return place ? `${capitalise(place)}: ${lowerFirst(message)}` : message;
}

/** zod's own wording ("Too small: expected…"), which is replaced; a schema's own message is kept. */
const zodWording = /^(Invalid|Too small|Too big|Unrecognized key|Expected|Number must|String must|Required)/;

function issueSentence(issue: ZodIssue, path: readonly PropertyKey[], context: FieldContext, root: unknown): string {
  const value = valueAt(root, path);
  const label = labelOf(path);
  // Without the parsed value, zod's own wording still tells a missing field ("received undefined").
  const absent = root === undefined ? /received undefined/.test(issue.message) : value === undefined;
  const missing = absent || (typeof value === 'string' && value.trim() === '' && issue.code === 'too_small');
  if (issue.code !== 'custom' && missing && path.length > 0) return missingPrompt(path, context);
  const whole = wholeSentence(issue.message); // a schema's fragment ("a time of day as HH:MM…") said whole
  if (whole) return whole;
  switch (issue.code) {
    case 'custom':
      return path.length > 0 ? `${label}: ${issue.message}` : capitalise(issue.message);
    case 'too_small':
    case 'too_big':
      return zodWording.test(issue.message) ? sizeSentence(issue, path, context, label) : `${label}: ${issue.message}`;
    case 'invalid_type':
      return zodWording.test(issue.message) ? `${label} must be ${typeWords[issue.expected] ?? issue.expected}` : `${label}: ${issue.message}`;
    case 'invalid_value':
      return `${label} must be ${oneOf(issue.values.map(String))}`;
    case 'invalid_format':
      return zodWording.test(issue.message) ? `${label} must be ${formatWords[issue.format] ?? `in the ${issue.format} format`}` : `${label}: ${issue.message}`;
    case 'unrecognized_keys':
      return `${path.length > 0 ? label : 'This'} has ${issue.keys.length === 1 ? 'a field' : 'fields'} it does not know: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `${label} must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return `${label} is not one of the kinds allowed here`;
    case 'invalid_key':
    case 'invalid_element':
      return `${label} holds a value that is not allowed`;
    default: {
      const unknownIssue: never = issue;
      const message = (unknownIssue as { message?: unknown }).message;
      return typeof message === 'string' ? message : `${label} is not valid`;
    }
  }
}

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a group of settings',
  date: 'a date',
};

const formatWords: Record<string, string> = {
  email: 'an email address',
  url: 'a web address (https://…)',
  datetime: 'a date and time (2026-01-31T09:00:00Z)',
  date: 'a date (2026-01-31)',
  uuid: 'an id',
  regex: 'written as shown',
};

function sizeSentence(issue: Extract<ZodIssue, { code: 'too_small' | 'too_big' }>, path: readonly PropertyKey[], context: FieldContext, label: string): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'number':
    case 'int':
    case 'bigint': {
      const unit = unitOf(path, context);
      const subject = durationSubject(path, context) ?? label;
      const amount = `${count(limit)}${unit ? ` ${unit}` : ''}`;
      if (!small) return `${subject} can be at most ${amount}`;
      if (issue.inclusive === false) return `${subject} must be ${unit ? 'longer' : 'more'} than ${amount}`;
      return `${subject} must be at least ${amount}`;
    }
    case 'string':
      return small ? `${label} must be at least ${plural(limit, 'character')}` : `${label} can be at most ${plural(limit, 'character')}`;
    case 'array':
    case 'set': {
      const noun = listNoun(path);
      return small ? `Add at least ${limit === 1 ? 'one' : count(limit)} ${limit === 1 ? noun.one : noun.many}` : `Use at most ${count(limit)} ${noun.many}`;
    }
    default:
      return small ? `${label} is too small (at least ${count(limit)})` : `${label} is too big (at most ${count(limit)})`;
  }
}

function listNoun(path: readonly PropertyKey[]): { one: string; many: string } {
  const many = fieldLabel(fieldKeyAt(path) ?? 'items').toLowerCase();
  const one = many === 'branches' ? 'branch' : many.replace(/s$/, '');
  return { one, many };
}

/** 3650 → "3,650". */
function count(value: number): string {
  return value.toLocaleString('en-US');
}

function plural(value: number, noun: string): string {
  return `${count(value)} ${noun}${value === 1 ? '' : 's'}`;
}

function oneOf(values: string[]): string {
  if (values.length === 1) return `“${values[0]}”`;
  const quoted = values.map((value) => `“${value}”`);
  return `one of ${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Pick a trait" → "pick a trait", but "HTML body" stays. */
function lowerFirst(text: string): string {
  return /^[A-Z][A-Z]/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}
