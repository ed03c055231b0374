import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDelivery, events, getCustomer, getDelivery, upsertCustomer } from '@lifecycle/db';
import { signTrackingToken } from '@lifecycle/messaging';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
let deliveryId: string;
beforeEach(async () => {
  t = testApp();
  await upsertCustomer(t.db, 'u1', { email: 'ada@example.com' });
  deliveryId = (await claimDelivery(t.db, {
    id: 'd1',
    idempotencyKey: 'journey/j/u1/once:send',
    workflowId: 'journey/j/u1/once',
    nodeId: 'send',
    journeyId: 'j',
    customerId: 'u1',
    templateId: 'tpl',
    messageId: '<d1@lifecycle.local>',
  })).delivery.id;
});
afterEach(async () => {
  await t.close();
});

const token = (claim: Parameters<typeof signTrackingToken>[1]) => signTrackingToken(t.config.trackingSecret, claim);
const tampered = (text: string) => `${text.slice(0, -2)}${text.endsWith('AA') ? 'BB' : 'AA'}`;
const storedNames = async () => (await t.db.select().from(events)).map((event) => event.name);

describe('tracking links', () => {
  it('serves a 1x1 gif for an open, marks the delivery opened and stores one email_opened event', async () => {
    const open = token({ kind: 'open', deliveryId });
    const response = await t.app.request(`/t/o/${open}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect(response.headers.get('cache-control')).toContain('no-cache');
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    await t.app.request(`/t/o/${open}`);
    await t.dispatcher.idle();
    expect((await getDelivery(t.db, deliveryId))?.openedAt).not.toBeNull();
    const [opened] = await t.db.select().from(events);
    expect(await storedNames()).toEqual(['email_opened']);
    expect(opened).toMatchObject({ customerId: 'u1', messageId: `email_opened:${deliveryId}`, properties: { deliveryId, workflowId: 'journey/j/u1/once', nodeId: 'send', templateId: 'tpl' } });
  });

  it('redirects a click to the signed url and stores email_clicked', async () => {
    const response = await t.app.request(`/t/c/${token({ kind: 'click', deliveryId, url: 'https://example.com/start' })}`);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://example.com/start');
    expect(await storedNames()).toContain('email_clicked');
    expect((await getDelivery(t.db, deliveryId))?.clickedAt).not.toBeNull();
  });

  it('answers a tampered or foreign token with 404 JSON and never redirects', async () => {
    const click = token({ kind: 'click', deliveryId, url: 'https://example.com/start' });
    const forged = Buffer.from(JSON.stringify({ kind: 'click', deliveryId, url: 'https://evil.example' })).toString('base64url');
    for (const path of [`/t/c/${tampered(click)}`, `/t/c/${forged}.${click.split('.')[1]}`, `/t/c/garbage`, `/t/o/${click}`, `/u/${tampered(token({ kind: 'unsubscribe', deliveryId }))}`]) {
      const response = await t.app.request(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('location'), path).toBeNull();
      expect(((await response.json()) as { error: string }).error).toBe('invalid_token');
    }
    expect(await storedNames()).toEqual([]);
  });

  it('shows a confirmation page on GET and unsubscribes on POST (one-click)', async () => {
    const unsubscribe = token({ kind: 'unsubscribe', deliveryId });
    const page = await t.app.request(`/u/${unsubscribe}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect((await getCustomer(t.db, 'u1'))?.subscription).toBe('subscribed');

    const oneClick = await t.app.request(`/u/${unsubscribe}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect((await getCustomer(t.db, 'u1'))?.subscription).toBe('unsubscribed');
  });
});
