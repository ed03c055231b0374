import { deliveryTopicId, getDelivery, insertJourney, insertTemplate, insertTopic, publishJourneyVersion, setTemplateTopic, setTopicSubscription, upsertCustomer, type Db } from '@lifecycle/db';
import type { SendEmailInput } from '@lifecycle/workflows/activities';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../testing/smtpSink';
import { openTempDb } from '../testing/tempDb';
import { createActivities } from '.';

const config = { mailFrom: 'Lifecycle <hello@lifecycle.test>', publicUrl: 'http://track.test', trackingSecret: 'test-secret-0123456789' };

let sink: SmtpSink;
let db: Db;
let dispose: () => void;

const send = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: 'send_email', templateId: 'news', ...extra });

beforeEach(async () => {
  sink = await startSmtpSink();
  ({ db, dispose } = openTempDb());
  await upsertCustomer(db, 'ada', { email: 'ada@example.com' });
  await insertTemplate(db, 'news', { name: 'News', subject: 'News', html: '<html><body><p>News</p></body></html>', text: null });
  await insertTopic(db, { id: 'top_news', name: 'Newsletter', description: null, defaultSubscribed: true });
  await insertTopic(db, { id: 'top_product', name: 'Product updates', description: null, defaultSubscribed: true });
  await insertTopic(db, { id: 'top_beta', name: 'Beta invites', description: null, defaultSubscribed: false });
  await setTemplateTopic(db, 'news', 'top_news');
  await insertJourney(db, 'j1', { name: 'J', draft: {} });
  const nodes = [send('by-template'), send('by-node', { topicId: 'top_product' }), send('transactional', { transactional: true }), send('opt-in', { topicId: 'top_beta' })];
  await publishJourneyVersion(db, { id: 'v1', journeyId: 'j1', graph: { nodes, edges: [] }, triggerEvent: 'go' });
});

afterEach(async () => {
  await sink.close();
  dispose();
});

function input(nodeId: string): SendEmailInput {
  return {
    workflowId: `journey/j1/ada/${nodeId}`, journeyId: 'j1', versionId: 'v1', nodeId, templateId: 'news', customerId: 'ada',
    triggerEvent: { id: 'ev1', name: 'go', properties: {}, timestamp: '2026-01-01T00:00:00.000Z' }, offers: [],
  };
}

describe('sendEmail and subscription topics', () => {
  it("skips a send to a topic the customer left (the node's topic winning over the template's), records why, and sends the rest", async () => {
    await setTopicSubscription(db, 'ada', 'top_news', false);
    const journey = createActivities({ db, transport: sink.transport, config });

    const skipped = await journey.sendEmail(input('by-template'));
    expect(skipped).toMatchObject({ status: 'skipped', reason: 'topic_unsubscribed' });
    expect(await getDelivery(db, skipped.deliveryId)).toMatchObject({ status: 'skipped', error: 'topic_unsubscribed' });

    const sent = await journey.sendEmail(input('by-node'));
    expect(sent.status).toBe('sent');
    expect(await deliveryTopicId(db, sent.deliveryId)).toBe('top_product');
    const transactional = await journey.sendEmail(input('transactional'));
    expect(transactional.status).toBe('sent');
    expect(sink.messages).toHaveLength(2);
    // Every sent email links to the preference page (a footer, as the template has no {{ preferences_url }}).
    expect(sink.messages[0]!.html).toMatch(/<a href="http:\/\/track\.test\/p\/[\w-]+\.[\w-]+"[^>]*>Manage email preferences<\/a>/);
    expect(sink.messages[0]!.text).toContain('Manage email preferences');
  });

  it('sends an opt-in topic only to those who opted in', async () => {
    const journey = createActivities({ db, transport: sink.transport, config });
    expect(await journey.sendEmail(input('opt-in'))).toMatchObject({ status: 'skipped', reason: 'topic_unsubscribed' });
    await setTopicSubscription(db, 'ada', 'top_beta', true);
    expect((await journey.sendEmail({ ...input('opt-in'), workflowId: 'journey/j1/ada/again' })).status).toBe('sent');
  });
});
