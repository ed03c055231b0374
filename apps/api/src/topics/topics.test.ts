import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDelivery, events, getCustomer, insertTemplate, recordDeliveryTopic, upsertCustomer } from '@lifecycle/db';
import { preferencesUrl, signTrackingToken } from '@lifecycle/messaging';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
  await upsertCustomer(t.db, 'u1', { email: 'ada@example.com' });
});
afterEach(async () => {
  await t.close();
});

/** The subscription events in stored order (by received time, then id: the dispatcher's order; Postgres answers a bare select in any order). */
const subscriptionEvents = async () =>
  (await t.db
    .select()
    .from(events))
    .filter((event) => event.name === 'subscribed' || event.name === 'unsubscribed')
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((event): Record<string, unknown> & { name: string | null } => ({ name: event.name, customerId: event.customerId, ...event.properties }));

async function topic(name: string, defaultSubscribed = true): Promise<string> {
  const created = await t.send('POST', '/api/topics', { name, defaultSubscribed });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function delivery(id: string, topicId: string | null): Promise<string> {
  await claimDelivery(t.db, { id, idempotencyKey: id, workflowId: `journey/j/u1/${id}`, nodeId: 'send', journeyId: 'j', customerId: 'u1', templateId: 'tpl', messageId: `<${id}@lifecycle.local>` });
  if (topicId) await recordDeliveryTopic(t.db, id, topicId);
  return id;
}

describe('topics API', () => {
  it('creates, renames, archives topics; refuses a taken name (409) and bad input naming the field (400)', async () => {
    const id = await topic('Newsletter');
    expect((await t.send('POST', '/api/topics', { name: 'newsletter' })).status).toBe(409);
    const blank = await t.send('POST', '/api/topics', { name: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.issues[0].path).toBe('name');
    const badDefault = await t.send('POST', '/api/topics', { name: 'Offers', defaultSubscribed: 'yes' });
    expect(badDefault.status).toBe(400);
    expect(badDefault.body.issues[0].path).toBe('defaultSubscribed');
    const renamed = await t.send('PATCH', `/api/topics/${id}`, { name: 'Monthly newsletter', archived: true });
    expect(renamed.body).toMatchObject({ name: 'Monthly newsletter', archived: true, defaultSubscribed: true });
    expect((await t.send('GET', '/api/topics')).body.topics.map((row: { name: string }) => row.name)).toEqual(['Monthly newsletter']);
    expect((await t.send('PATCH', '/api/topics/nope', { name: 'x' })).status).toBe(404);
  });

  it('lets viewers read and only marketers and admins write', async () => {
    const viewer = await t.accounts.token('viewer');
    const marketer = await t.accounts.token('marketer');
    expect((await t.sendAs('GET', '/api/topics', undefined, { authorization: `Bearer ${viewer}` })).status).toBe(200);
    expect((await t.sendAs('POST', '/api/topics', { name: 'News' }, { authorization: `Bearer ${viewer}` })).status).toBe(403);
    expect((await t.sendAs('POST', '/api/topics', { name: 'News' }, { authorization: `Bearer ${marketer}` })).status).toBe(201);
    expect((await t.sendAs('PUT', '/api/customers/u1/subscriptions', { all: 'unsubscribed' }, { authorization: `Bearer ${viewer}` })).status).toBe(403);
  });

  it("assigns a template's topic; an unknown or archived topic is a 400 naming topicId", async () => {
    await insertTemplate(t.db, 'tpl', { name: 'Welcome', subject: 'Hi', html: '<p>Hi</p>', text: null });
    const id = await topic('Product updates');
    expect((await t.send('PUT', '/api/templates/tpl/topic', { topicId: id })).body).toEqual({ topicId: id });
    expect((await t.send('GET', '/api/templates/tpl/topic')).body).toEqual({ topicId: id });
    const unknown = await t.send('PUT', '/api/templates/tpl/topic', { topicId: 'top_missing' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ path: 'topicId', message: 'no such topic' }]);
    await t.send('PATCH', `/api/topics/${id}`, { archived: true });
    expect((await t.send('PUT', '/api/templates/tpl/topic', { topicId: id })).body.issues[0]).toEqual({ path: 'topicId', message: 'the topic is archived' });
    expect((await t.send('PUT', '/api/templates/tpl/topic', { topicId: null })).body).toEqual({ topicId: null });
  });
});

describe('customer subscriptions', () => {
  it('opts out and back in through the API, emitting one event per real change', async () => {
    const news = await topic('Newsletter');
    const offers = await topic('Offers', false);
    const before = await t.send('GET', '/api/customers/u1/subscriptions');
    expect(before.body).toMatchObject({ all: 'subscribed', topics: [{ id: news, subscribed: true, explicit: false }, { id: offers, subscribed: false, explicit: false }] });

    const changed = await t.send('PUT', '/api/customers/u1/subscriptions', { topics: { [news]: false, [offers]: false } });
    expect(changed.body.topics).toMatchObject([{ id: news, subscribed: false, explicit: true }, { id: offers, subscribed: false, explicit: true }]);
    await t.send('PUT', '/api/customers/u1/subscriptions', { all: 'unsubscribed' });
    await t.send('PUT', '/api/customers/u1/subscriptions', { all: 'subscribed', topics: { [news]: true } });
    expect((await getCustomer(t.db, 'u1'))?.subscription).toBe('subscribed');
    expect(await subscriptionEvents()).toEqual([
      { name: 'unsubscribed', customerId: 'u1', topic: 'Newsletter', topicId: news, source: 'api' },
      { name: 'unsubscribed', customerId: 'u1', topic: 'all', source: 'api' },
      { name: 'subscribed', customerId: 'u1', topic: 'Newsletter', topicId: news, source: 'api' },
      { name: 'subscribed', customerId: 'u1', topic: 'all', source: 'api' },
    ]);
  });

  it('answers 400 naming the field for an unknown topic or a bad value, 404 for an unknown customer', async () => {
    const unknown = await t.send('PUT', '/api/customers/u1/subscriptions', { topics: { top_nope: false } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ path: 'topics.top_nope', message: 'no such topic' }]);
    const bad = await t.send('PUT', '/api/customers/u1/subscriptions', { all: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('all');
    expect((await t.send('PUT', '/api/customers/ghost/subscriptions', { all: 'unsubscribed' })).status).toBe(404);
    expect(await subscriptionEvents()).toEqual([]);
  });
});

describe('one-click List-Unsubscribe', () => {
  const oneClick = (deliveryId: string) =>
    t.app.request(`/u/${signTrackingToken(t.config.trackingSecret, { kind: 'unsubscribe', deliveryId })}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });

  it("unsubscribes from the email's topic only, and from everything when the email had no topic", async () => {
    const news = await topic('Newsletter');
    const offers = await topic('Offers');
    expect((await oneClick(await delivery('d-news', news))).status).toBe(200);
    const after = (await t.send('GET', '/api/customers/u1/subscriptions')).body;
    expect(after.all).toBe('subscribed');
    expect(after.topics).toMatchObject([{ id: news, subscribed: false }, { id: offers, subscribed: true }]);
    expect(await subscriptionEvents()).toEqual([{ name: 'unsubscribed', customerId: 'u1', topic: 'Newsletter', topicId: news, source: 'list_unsubscribe', deliveryId: 'd-news' }]);

    expect((await oneClick(await delivery('d-plain', null))).status).toBe(200);
    expect((await getCustomer(t.db, 'u1'))?.subscription).toBe('unsubscribed');
    expect((await subscriptionEvents()).at(-1)).toEqual({ name: 'unsubscribed', customerId: 'u1', topic: 'all', source: 'list_unsubscribe', deliveryId: 'd-plain' });
  });
});

describe('preference page', () => {
  const url = (deliveryId: string) => new URL(preferencesUrl({ publicUrl: t.config.publicUrl, secret: t.config.trackingSecret, deliveryId })).pathname;

  it('shows every live topic escaped, saves a form post, and answers one 404 for any bad token', async () => {
    const news = await topic('<img src=x onerror=alert(1)> News');
    const old = await topic('Old');
    await t.send('PATCH', `/api/topics/${old}`, { archived: true });
    const path = url(await delivery('d1', news));
    const page = await t.app.request(path);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; News');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('Old');

    const saved = await t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `shown=${news}&shown=${old}&all=unsubscribed` });
    expect(await saved.text()).toContain('Your preferences are saved.');
    const after = (await t.send('GET', '/api/customers/u1/subscriptions')).body;
    expect(after.all).toBe('unsubscribed');
    // The archived topic was not on the page: a forged `shown` for it changes nothing.
    expect(after.topics).toMatchObject([{ id: news, subscribed: false, explicit: true }, { id: old, subscribed: true, explicit: false }]);
    expect((await subscriptionEvents()).map((event) => `${event.name}:${String(event.topic)}:${String(event.source)}`)).toEqual(['unsubscribed:<img src=x onerror=alert(1)> News:preference_page', 'unsubscribed:all:preference_page']);

    const unsubscribeToken = signTrackingToken(t.config.trackingSecret, { kind: 'unsubscribe', deliveryId: 'd1' });
    for (const bad of [`${path.slice(0, -2)}xx`, '/p/garbage', `/p/${unsubscribeToken}`, url('no-such-delivery')]) {
      const response = await t.app.request(bad, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'all=subscribed' });
      expect(response.status, bad).toBe(404);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_token');
    }
    expect((await getCustomer(t.db, 'u1'))?.subscription).toBe('unsubscribed');
  });
});
