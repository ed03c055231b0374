import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersByRule, evaluateCondition, historyQuestion, historyRulesOf, type ConditionRule, type Facts, type JsonScalar, type Operator, type SegmentRule } from '@lifecycle/journey';
import { type Db } from '../client';
import { answerHistory, customerMatchesSegment } from './conditionHistory';
import { findCustomer, upsertCustomer, updateCustomer, setSubscription } from './customers';
import { segmentPreviewRows } from './segmentRows';
import { openTestDatabase } from '../testing/testDatabase';

/**
 * One table of cases, each answered twice: by the segment SQL compiler (set-based SQL over `customers c`, on the test
 * run's database, SQLite or Postgres) and by the in-code evaluator journeys use (the customer row and the history
 * reader's counts). Both must give the case's answer. An event-property case is asked in code of the event in hand,
 * and in SQL as an event-history filter over the same event stored.
 */
const now = new Date('2026-06-01T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

/** `json`: the traits as stored JSON text, for what a JavaScript object cannot write (5.0). */
type Customer = { traits?: Record<string, unknown>; json?: string; stage?: string; unsubscribed?: boolean };
type Case = [name: string, rule: ConditionRule, expected: boolean, customer?: Customer];

const traits = { plan: 'Pro', age: 30, seats: '5', vip: true, tags: ['beta', 'vip'], address: { city: 'Paris' }, trial_ends_at: '2026-03-01T00:00:00Z' };
const cases: Case[] = [
  ['trait equal, exact text', { kind: 'trait', path: 'plan', op: 'eq', value: 'Pro' }, true],
  ['trait equal is case-sensitive', { kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }, false],
  ['trait not equal', { kind: 'trait', path: 'plan', op: 'neq', value: 'free' }, true],
  ['a missing trait is not equal', { kind: 'trait', path: 'nickname', op: 'neq', value: 'x' }, true],
  ['number written as text equals the number', { kind: 'trait', path: 'seats', op: 'eq', value: 5 }, true],
  ['number equals text of the number', { kind: 'trait', path: 'age', op: 'eq', value: '30' }, true],
  ['greater than', { kind: 'trait', path: 'age', op: 'gt', value: 25 }, true],
  ['at most, value as text', { kind: 'trait', path: 'age', op: 'lte', value: '29' }, false],
  ['text number at least', { kind: 'trait', path: 'seats', op: 'gte', value: 5 }, true],
  ['boolean', { kind: 'trait', path: 'vip', op: 'eq', value: true }, true],
  ['boolean written as text', { kind: 'trait', path: 'vip', op: 'eq', value: 'true' }, true],
  ['contains ignores case', { kind: 'trait', path: 'plan', op: 'contains', value: 'pr' }, true],
  ['does not contain', { kind: 'trait', path: 'plan', op: 'not_contains', value: 'x' }, true],
  ['a missing trait does not contain', { kind: 'trait', path: 'nickname', op: 'not_contains', value: 'x' }, true],
  ['a list holds the item', { kind: 'trait', path: 'tags', op: 'contains', value: 'vip' }, true],
  ['a list is not equal to its JSON text', { kind: 'trait', path: 'tags', op: 'eq', value: '["beta","vip"]' }, false],
  ['an object is not equal to its JSON text', { kind: 'trait', path: 'address', op: 'eq', value: '{"city":"Paris"}' }, false],
  ['is one of', { kind: 'trait', path: 'plan', op: 'in', value: ['free', 'Pro'] }, true],
  ['is one of, numbers', { kind: 'trait', path: 'age', op: 'in', value: [30, 40] }, true],
  ['is not one of', { kind: 'trait', path: 'plan', op: 'in', value: ['free', 'team'] }, false],
  ['is set', { kind: 'trait', path: 'nickname', op: 'exists' }, false],
  ['is not set', { kind: 'trait', path: 'nickname', op: 'not_exists' }, true],
  ['nested path', { kind: 'trait', path: 'address.city', op: 'eq', value: 'Paris' }, true],
  ['ISO dates compare as dates', { kind: 'trait', path: 'trial_ends_at', op: 'gt', value: '2026-01-01T00:00:00Z' }, true],
  ['ISO date before', { kind: 'trait', path: 'trial_ends_at', op: 'lt', value: '2026-01-01T00:00:00Z' }, false],
  ['a list holds an item in any case', { kind: 'trait', path: 'tags', op: 'contains', value: 'VIP' }, true],
  ['a JSON number 5.0 equals 5', { kind: 'trait', path: 'n', op: 'eq', value: 5 }, true, { json: '{"n": 5.0}' }],
  ['a JSON number 5.0 equals the text 5', { kind: 'trait', path: 'n', op: 'eq', value: '5' }, true, { json: '{"n": 5.0}' }],
  ['a JSON number 5.0 is at least 5', { kind: 'trait', path: 'n', op: 'gte', value: 5 }, true, { json: '{"n": 5.0}' }],
  ['a word is not greater than a number', { kind: 'trait', path: 'plan', op: 'gt', value: 5 }, false],
  ['a number written as text compares as a number, not as text', { kind: 'trait', path: 'seats', op: 'lt', value: 10 }, true],
  ['a key with a quote', { kind: 'trait', path: "it's", op: 'eq', value: 'quoted' }, true, { traits: { "it's": 'quoted' } }],
  ['a nested key with a quote and a dot between', { kind: 'trait', path: 'a"b.c', op: 'eq', value: 1 }, true, { traits: { 'a"b': { c: 1 } } }],
  ['a path that is no JSON path syntax', { kind: 'trait', path: `x') or 1=1 --`, op: 'exists' }, false],
  ['stage is', { kind: 'stage', op: 'eq', value: 'retention' }, true, { stage: 'retention' }],
  ['stage is not', { kind: 'stage', op: 'neq', value: 'retention' }, false, { stage: 'retention' }],
  ['stage is one of', { kind: 'stage', op: 'in', value: ['onboarding', 'retention'] }, true, { stage: 'retention' }],
  ['no stage is not retention', { kind: 'stage', op: 'neq', value: 'retention' }, true, {}],
  ['no stage is not retention (eq)', { kind: 'stage', op: 'eq', value: 'retention' }, false, {}],
  ['subscription', { kind: 'customer', field: 'subscription', op: 'eq', value: 'unsubscribed' }, true, { unsubscribed: true }],
  ['email contains', { kind: 'customer', field: 'email', op: 'contains', value: 'EXAMPLE' }, true],
  ['purchased in the last 30 days', { kind: 'event', event: 'purchase', op: 'happened', within: { amount: 30, unit: 'days' } }, true],
  ['purchased in the last 5 days', { kind: 'event', event: 'purchase', op: 'happened', within: { amount: 5, unit: 'days' } }, false],
  ['did not purchase in the last 5 days', { kind: 'event', event: 'purchase', op: 'not_happened', within: { amount: 5, unit: 'days' } }, true],
  ['purchased at least 2 times ever', { kind: 'event', event: 'purchase', op: 'count', count: { op: 'gte', value: 2 } }, true],
  ['purchased at least 2 times in 30 days', { kind: 'event', event: 'purchase', op: 'count', count: { op: 'gte', value: 2 }, within: { amount: 30, unit: 'days' } }, false],
  ['purchased exactly 2 times', { kind: 'event', event: 'purchase', op: 'count', count: { op: 'eq', value: 2 } }, true],
  ['purchase over 100', { kind: 'event', event: 'purchase', op: 'happened', where: [{ path: 'amount', op: 'gt', value: 100 }] }, true],
  ['purchase over 100 in 5 days', { kind: 'event', event: 'purchase', op: 'happened', within: { amount: 5, unit: 'days' }, where: [{ path: 'amount', op: 'gt', value: 100 }] }, false],
  ['purchase of a pro plan (any case)', { kind: 'event', event: 'purchase', op: 'happened', where: [{ path: 'plan', op: 'contains', value: 'PRO' }] }, true],
  ['two purchases over 100', { kind: 'event', event: 'purchase', op: 'count', count: { op: 'gte', value: 2 }, where: [{ path: 'amount', op: 'gte', value: 100 }] }, false],
  ['opened an email in 7 days', { kind: 'email', action: 'opened', op: 'happened', within: { amount: 7, unit: 'days' } }, true],
  ['opened an email in 1 day', { kind: 'email', action: 'opened', op: 'happened', within: { amount: 1, unit: 'days' } }, false],
  ['clicked an email ever', { kind: 'email', action: 'clicked', op: 'happened' }, false],
  ['did not click', { kind: 'email', action: 'clicked', op: 'not_happened' }, true],
  ['holds a code of any offer', { kind: 'offer', held: true }, true],
  ['redeemed the spring offer', { kind: 'offer', offerId: 'off_spring', held: true, state: 'redeemed' }, true],
  ['redeemed the fall offer', { kind: 'offer', offerId: 'off_fall', held: true, state: 'redeemed' }, false],
  ['has not redeemed the fall offer', { kind: 'offer', offerId: 'off_fall', held: false, state: 'redeemed' }, true],
  ['holds a fall code', { kind: 'offer', offerId: 'off_fall', held: true }, true],
  ['in the VIP segment', { kind: 'segment', segmentId: 'seg_vip', member: true }, true],
  ['not in the churn segment', { kind: 'segment', segmentId: 'seg_churn', member: false }, true],
  ['in the churn segment', { kind: 'segment', segmentId: 'seg_churn', member: true }, false],
];

/** Event-property cases: the event in hand (code) against the same event stored and filtered (SQL). */
const inHand = { amount: 120, coupon: 'SPRING', gift: null, items: { count: 3 } };
const propertyCases: [string, Extract<ConditionRule, { kind: 'event_property' }>, boolean][] = [
  ['amount at least 100', { kind: 'event_property', path: 'amount', op: 'gte', value: 100 }, true],
  ['amount below 100', { kind: 'event_property', path: 'amount', op: 'lt', value: '100' }, false],
  ['coupon contains, any case', { kind: 'event_property', path: 'coupon', op: 'contains', value: 'spr' }, true],
  ['coupon is one of', { kind: 'event_property', path: 'coupon', op: 'in', value: ['SPRING', 'FALL'] }, true],
  ['a null property is not set', { kind: 'event_property', path: 'gift', op: 'exists' }, false],
  ['nested property', { kind: 'event_property', path: 'items.count', op: 'eq', value: '3' }, true],
  ['missing property not equal', { kind: 'event_property', path: 'referrer', op: 'neq', value: 'ads' }, true],
];

/**
 * Cases a comparison of what json_extract answers (booleans as 1/0, lists as JSON text, any text cast to a number)
 * answered otherwise than the code: SQLite's form now asks the code's comparison itself, Postgres's reads the value
 * with its type.
 */
const typedCases: Case[] = [
  ['a word is not less than a number', { kind: 'trait', path: 'plan', op: 'lt', value: 5 }, false],
  ['"5abc" is not 5', { kind: 'trait', path: 'code', op: 'eq', value: 5 }, false, { traits: { code: '5abc' } }],
  ['a boolean is not 1', { kind: 'trait', path: 'vip', op: 'eq', value: 1 }, false],
  ['a boolean is no number to order', { kind: 'trait', path: 'vip', op: 'gt', value: 0 }, false],
  ['words do not order as text', { kind: 'trait', path: 'plan', op: 'gt', value: 'Free' }, false],
  ['the same instant written otherwise is not later', { kind: 'trait', path: 'trial_ends_at', op: 'gt', value: '2026-03-01T00:00:00.000Z' }, false],
  ['an instant with an offset compares as the instant', { kind: 'trait', path: 'trial_ends_at', op: 'lt', value: '2026-03-01T00:30:00+01:00' }, false],
  ['a list is one of when an item is', { kind: 'trait', path: 'tags', op: 'in', value: ['vip', 'gold'] }, true],
  ['a list holds whole items, not part of one', { kind: 'trait', path: 'tags', op: 'contains', value: 'vi' }, false],
  ['a number holds no text', { kind: 'trait', path: 'age', op: 'contains', value: '3' }, false],
  ['a key spelled with the dot wins over the nested key', { kind: 'trait', path: 'a.b', op: 'eq', value: 1 }, true, { traits: { 'a.b': 1, a: { b: 2 } } }],
];

let db: Db;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-agreement-'));
  db = openTestDatabase(join(dir, 'agreement.db'));
  await db.prepare(`insert into offers (id, name, code_source) values ('off_spring', 'Spring 10%', 'pool'), ('off_fall', 'Fall 20%', 'pool')`).run();
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

let customers = 0;
/** A fresh customer with the shared history: two purchases, an opened email, offer codes, one segment. */
async function seed(customer: Customer = {}, events: { name: string; properties: Record<string, unknown>; at: string }[] = []): Promise<string> {
  const id = `cust_${(customers += 1)}`;
  await upsertCustomer(db, id, customer.traits ?? traits);
  if (customer.json) await db.prepare('update customers set traits = ? where id = ?').run(customer.json, id);
  await db.prepare('update customers set email = ? where id = ?').run(`${id}@example.test`, id);
  if (customer.stage) await updateCustomer(db, id, { lifecycleStage: customer.stage });
  if (customer.unsubscribed) await setSubscription(db, id, 'unsubscribed');
  const insertEvent = db.prepare(`insert into events (id, message_id, type, name, customer_id, properties, timestamp) values (?, ?, 'track', ?, ?, ?, ?)`);
  const history = events.length > 0 ? events : [
    { name: 'purchase', properties: { amount: 120, plan: 'Pro monthly' }, at: daysAgo(10) },
    { name: 'purchase', properties: { amount: 20 }, at: daysAgo(40) },
  ];
  for (const [index, event] of history.entries())
    await insertEvent.run(`${id}_e${index}`, `${id}_m${index}`, event.name, id, JSON.stringify(event.properties), event.at);
  await db
    .prepare(`insert into deliveries (id, idempotency_key, workflow_id, node_id, customer_id, template_id, message_id, status, opened_at) values (?, ?, 'wf', 'send', ?, 'tpl', ?, 'sent', ?)`)
    .run(`${id}_d`, `${id}_d`, id, `<${id}@test>`, daysAgo(2));
  await db.prepare(`insert into offer_codes (offer_id, code, customer_id, granted_at, redeemed_at) values ('off_spring', ?, ?, ?, ?), ('off_fall', ?, ?, ?, null)`).run(`S-${id}`, id, daysAgo(20), daysAgo(3), `F-${id}`, id, daysAgo(1));
  await db.prepare(`insert into segment_memberships (segment_id, customer_id, entered_at) values ('seg_vip', ?, ?)`).run(id, daysAgo(5));
  return id;
}

async function bySql(customerId: string, rule: SegmentRule): Promise<boolean> {
  return await customerMatchesSegment(db, customerId, { match: 'all', conditions: [rule] }, now);
}

async function byCode(customerId: string, rule: ConditionRule, event?: Facts['event']): Promise<boolean> {
  const group = { match: 'all' as const, conditions: [rule] };
  const row = await findCustomer(db, customerId);
  if (!row) throw new Error(`no customer ${customerId}`);
  const rules = historyRulesOf(group);
  const history = answersByRule(rules, await answerHistory(db, customerId, null, rules.map((r) => historyQuestion(r, now.getTime()))));
  const customer = { traits: row.traits, lifecycleStage: row.lifecycleStage, email: row.email, subscription: row.subscription };
  return evaluateCondition(group, { customer, history, ...(event ? { event } : {}) }).matched;
}

describe('one condition, one answer: the segment SQL compiler and the in-code evaluator agree', () => {
  it.each(cases)('%s', async (_name, rule, expected, customer) => {
    const id = await seed(customer);
    expect({ sql: await bySql(id, rule), code: await byCode(id, rule) }).toEqual({ sql: expected, code: expected });
  });

  it.each(typedCases)('%s', async (_name, rule, expected, customer) => {
    const id = await seed(customer);
    expect({ sql: await bySql(id, rule), code: await byCode(id, rule) }).toEqual({ sql: expected, code: expected });
  });

  it.each(propertyCases)('event in hand vs stored event filter: %s', async (_name, rule, expected) => {
    const id = await seed({}, [{ name: 'checkout', properties: inHand, at: daysAgo(0) }]);
    const stored: SegmentRule = { kind: 'event', event: 'checkout', op: 'happened', where: [{ path: rule.path, op: rule.op, value: rule.value }] };
    expect({ sql: await bySql(id, stored), code: await byCode(id, rule, { name: 'checkout', properties: inHand }) }).toEqual({ sql: expected, code: expected });
  });
});

/** Values of every JSON type and of odd forms, as stored JSON text ("0x10", which Number() reads as 16, is left out: not a number in SQL). */
const oddValues = [
  '"Pro"', '"pro"', '""', '" "', '"5"', '" 5 "', '"5.0"', '"05"', '"+5"', '".5"', '"1e3"', '"5abc"', '"abc"', '"-1"', '"Infinity"',
  '"1,000"', '"\\u00a05\\u3000"', '"1e400"', '"1e-400"', '5', '5.0', '5.5', '0', '-1', '1', '1000', '1e21', 'true', 'false', 'null',
  '["vip","beta"]', '["VIP"]', '[5]', '["5"]', '[true]', '[[true]]', '["true"]', '[]', '[null]', '{"a":1}', '{}', '"true"', '"TRUE"',
  '"Café"', '"-0"', '" +5e0 "', '"2026-03-01T00:00:00Z"', '"2026-03-01T00:00:00.000Z"', '"2026-03-01T00:00:00.9999Z"', '"2026-03-01"',
  '"2026-03-01T01:00:00+01:00"', '"2026-03-01 00:00Z"', '"2026-03-01T00:00+0100"', '"2026-02-28T23:59:59.999-01:00"', '"2026-02-30"',
  '"2026-13-01"', '"2026-03-01T24:00Z"', '"2026-02-28T24:00:00.000Z"', '"2026-03-01T24:00:00.001Z"', '"2026-03-01T10:00+24:00"',
  '"2026-03-01T10:00+00:60"', '"0000-01-01"', '"9999-12-31T23:59:59Z"',
];
const ruleValues: (JsonScalar | JsonScalar[])[] = [
  5, '5', '5.0', -1, 0, 1, 'pro', 'PRO', 'Pr', 'abc', '', 'true', 'TRUE', true, false, null, ['vip'], ['VIP', 'beta'], ['5', 'x'],
  [true], [], '2026-03-01T00:00:00Z', '2026-03-01T00:00:00.000+00:00', '2026-01-01', '2026-03-02', '0000-06-01', 'é', '1e3',
];
const comparing: Operator[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'not_contains', 'in'];

describe('every operator on values of every type: the SQL compiler and the code match the same customers', () => {
  let odd: Db;
  // One customer per value, and one without the trait; their traits as stored JSON text.
  const stored = new Map<string, string>([...oddValues.map((json, n) => [`odd_${String(n).padStart(2, '0')}`, `{"x":${json}}`] as const), ['odd_missing', '{}']]);
  const traitsOf = new Map([...stored].map(([id, json]) => [id, JSON.parse(json) as Record<string, unknown>]));
  beforeAll(async () => {
    odd = openTestDatabase(':memory:');
    for (const [id, json] of stored) await odd.prepare('insert into customers (id, traits) values (?, ?)').run(id, json);
  });
  afterAll(async () => odd.close());

  const rules: [string, SegmentRule][] = [
    ['exists', { kind: 'trait', path: 'x', op: 'exists' }],
    ['not_exists', { kind: 'trait', path: 'x', op: 'not_exists' }],
    ...comparing.flatMap((op) => ruleValues.map((value): [string, SegmentRule] => [`${op} ${JSON.stringify(value)}`, { kind: 'trait', path: 'x', op, value }])),
  ];
  it.each(rules)('%s', async (_name, rule) => {
    const group = { match: 'all' as const, conditions: [rule] };
    const bySql = (await segmentPreviewRows(odd, group, traitsOf.size, now)).sample.map((row) => row.id).sort();
    const customer = (traits: Record<string, unknown>) => ({ traits, lifecycleStage: null, email: null, subscription: 'subscribed' });
    const byCode = [...traitsOf].filter(([, traits]) => evaluateCondition(group, { customer: customer(traits) }).matched).map(([id]) => id);
    // Compared as the values matched, which a failure then names.
    expect(bySql.map((id) => traitsOf.get(id))).toEqual(byCode.map((id) => traitsOf.get(id)));
  });
});
