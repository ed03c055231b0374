import { recentEventPropertyKeys } from '@lifecycle/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

type Variable = { group: string; label: string; liquid: string; example: string | null; eventName: string | null };
const catalogue = async (): Promise<Variable[]> => {
  const response = await t.send('GET', '/api/templates/variables');
  expect(response.status).toBe(200);
  return response.body.variables as Variable[];
};

const hostileKey = '"}}<img src=x onerror=alert(1)>{{\'\\';

describe('GET /api/templates/variables: the variable picker’s catalogue', () => {
  it('lists the trait keys, event properties per event name and offers that the stored data has, as Liquid', async () => {
    await t.ingest('/v1/identify', { userId: 'ada', traits: { email: 'ada@example.com', plan: 'pro', 'first name': 'Ada', address: { city: 'Paris' } } });
    await t.ingest('/v1/track', { userId: 'ada', event: 'order_completed', properties: { total: 42, items: [{ sku: 'a' }] } });
    await t.ingest('/v1/track', { userId: 'ada', event: 'signed_up', properties: { source: 'ad' } });
    expect((await t.send('POST', '/api/offers', { name: 'Welcome 10%', codeSource: 'generated' })).status).toBe(201);

    const variables = await catalogue();
    const liquidOf = (group: string, label: string, eventName: string | null = null) =>
      variables.find((v) => v.group === group && v.label === label && v.eventName === eventName)?.liquid;
    expect(liquidOf('trait', 'plan')).toBe('{{ customer.traits.plan }}');
    expect(variables.find((v) => v.label === 'plan')?.example).toBe('pro');
    expect(liquidOf('trait', 'first name')).toBe('{{ customer.traits["first name"] }}');
    expect(liquidOf('trait', 'address.city')).toBe('{{ customer.traits.address.city }}');
    expect(liquidOf('property', 'total', 'order_completed')).toBe('{{ event.properties.total }}');
    expect(liquidOf('property', 'source', 'signed_up')).toBe('{{ event.properties.source }}');
    expect(liquidOf('property', 'source', 'order_completed')).toBeUndefined();
    expect(liquidOf('offer', 'Welcome 10%: code')).toBe('{{ offers["Welcome 10%"].code }}');
    expect(liquidOf('customer', 'email')).toBe('{{ customer.email }}');
    // Array items have no name to insert.
    expect(variables.some((v) => v.label.startsWith('items.'))).toBe(false);
  });

  it('escapes a hostile key so that the inserted Liquid renders that trait’s value, and nothing else', async () => {
    await t.ingest('/v1/identify', { userId: 'mallory', traits: { [hostileKey]: 'the value', 'bad\u0001key': 'x' } });
    const variables = await catalogue();
    const hostile = variables.find((v) => v.group === 'trait' && v.label === hostileKey);
    expect(hostile?.liquid).toBe('{{ customer.traits["\\"}}<img src=x onerror=alert(1)>{{\'\\\\"] }}');
    // A key with a control character cannot be written into a template: it is left out.
    expect(variables.some((v) => v.label.includes('\u0001'))).toBe(false);

    const preview = await t.send('POST', '/api/templates/preview', { template: { subject: 'S', html: `<p>${hostile?.liquid ?? ''}</p>`, text: null }, customerId: 'mallory' });
    expect(preview.body).toMatchObject({ ok: true, html: '<p>the value</p>' });
  });

  it('reads only the newest events: a key seen only before the sample window is not listed', async () => {
    await t.ingest('/v1/track', { userId: 'ada', event: 'viewed', properties: { old_key: 1 } });
    await t.ingest('/v1/track', { userId: 'ada', event: 'viewed', properties: { new_key: 1 } });
    await t.ingest('/v1/track', { userId: 'ada', event: 'viewed', properties: { new_key: 2 } });
    const keys = (await recentEventPropertyKeys(t.db, 2)).map((key) => key.key);
    expect(keys).toEqual(['new_key']);
    expect((await recentEventPropertyKeys(t.db, 3)).map((key) => key.key).sort()).toEqual(['new_key', 'old_key']);
  });

  it('is empty of data keys (built-ins only) on a fresh install, and viewers may read it', async () => {
    const viewer = await t.send('GET', '/api/templates/variables', undefined, { authorization: `Bearer ${await t.accounts.token('viewer')}` });
    expect(viewer.status).toBe(200);
    const groups = new Set((viewer.body.variables as Variable[]).map((v) => v.group));
    expect(groups).toEqual(new Set(['customer', 'event', 'offer', 'link']));
    expect(viewer.body.sample).toEqual({ customers: 2000, events: 10000 });
  });
});

describe('GET /api/templates/:id/preview: a saved template rendered (the journey inspector’s preview)', () => {
  it('renders the saved Liquid with the sample traits or a customer, for viewers too', async () => {
    const template = await t.send('POST', '/api/templates', { name: 'Hi', subject: 'Hi {{ customer.first_name }}', html: '<p>Plan {{ customer.traits.plan }}</p>', text: null });
    await t.ingest('/v1/identify', { userId: 'bob', traits: { first_name: 'Bob', plan: 'free' } });
    const viewer = { authorization: `Bearer ${await t.accounts.token('viewer')}` };
    const sample = await t.send('GET', `/api/templates/${template.body.id}/preview`, undefined, viewer);
    expect(sample.body).toEqual({ ok: true, subject: 'Hi Ada', html: '<p>Plan pro</p>', text: 'Plan pro' });
    const bob = await t.send('GET', `/api/templates/${template.body.id}/preview?customerId=bob`, undefined, viewer);
    expect(bob.body).toMatchObject({ ok: true, subject: 'Hi Bob', html: '<p>Plan free</p>' });
    expect((await t.send('GET', '/api/templates/nope/preview')).status).toBe(404);
  });
});

describe('POST /api/templates/render: the editor’s live preview', () => {
  it('answers a field that does not parse as a value naming the field (typing is not a bad request), and renders one that does', async () => {
    const broken = await t.send('POST', '/api/templates/render', { template: { subject: 'Hi', html: '<p>{% if %}</p>', text: null }, traits: {} });
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({ ok: false, field: 'html' });
    const files = await t.send('POST', '/api/templates/render', { template: { subject: 'Hi', html: '<p>ok</p>', text: "{% include 'x' %}" }, traits: {} });
    expect(files.body).toMatchObject({ ok: false, field: 'text', error: expect.stringContaining('cannot read files') });
    const fine = await t.send('POST', '/api/templates/render', { template: { subject: 'Hi {{ customer.plan }}', html: '<p>ok</p>', text: null }, traits: { plan: 'pro' } });
    expect(fine.body).toEqual({ ok: true, subject: 'Hi pro', html: '<p>ok</p>', text: 'ok' });
    const nobody = await t.send('POST', '/api/templates/render', { template: { subject: 'Hi', html: '<p>ok</p>', text: null }, customerId: 'nobody' });
    expect(nobody.body).toEqual({ ok: false, field: null, error: 'no customer with id nobody' });
  });
});
