import { DEFAULT_ANALYTICS_SETTINGS } from '@lifecycle/journey';
import { getDelivery, globalControlMembership, insertTemplate, saveAnalyticsSettings, upsertCustomer, type Db } from '@lifecycle/db';
import type { SendEmailInput } from '@lifecycle/workflows/activities';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../testing/smtpSink';
import { openTempDb } from '../testing/tempDb';
import { createActivities } from '.';

const config = { mailFrom: 'Lifecycle <hello@lifecycle.test>', publicUrl: 'http://track.test', trackingSecret: 'test-secret-0123456789' };

let sink: SmtpSink;
let db: Db;
let dispose: () => void;

beforeEach(async () => {
  sink = await startSmtpSink();
  ({ db, dispose } = openTempDb());
  await insertTemplate(db, 'welcome', { name: 'Welcome', subject: 'Hi', html: '<p>Hello</p>' });
  for (const id of ['held', 'treated', 'fresh']) await upsertCustomer(db, id, { email: `${id}@example.com` });
  // Memberships stored at first sight: they are what the send obeys, whatever the hash would draw now.
  const assign = db.prepare(`INSERT INTO global_control (customer_id, in_control, share, assigned_at) VALUES (?, ?, 0.5, '2026-01-01T00:00:00.000Z')`);
  await assign.run('held', 1);
  await assign.run('treated', 0);
});

afterEach(async () => {
  await sink.close();
  dispose();
});

function input(customerId: string): SendEmailInput {
  return {
    workflowId: `journey/j1/${customerId}/once`,
    journeyId: 'j1',
    nodeId: 'send-1',
    templateId: 'welcome',
    customerId,
    triggerEvent: { id: 'ev1', name: 'signed_up', properties: {}, timestamp: '2026-01-01T00:00:00.000Z' },
    offers: [],
  };
}

describe('global control group', () => {
  it('gets no lifecycle email: the send is skipped and recorded as "global_control"', async () => {
    await saveAnalyticsSettings(db, { ...DEFAULT_ANALYTICS_SETTINGS, globalControlShare: 0.5 });
    const journey = createActivities({ db, transport: sink.transport, config });
    const held = await journey.sendEmail(input('held'));
    expect(held).toMatchObject({ status: 'skipped', reason: 'global_control' });
    expect(await getDelivery(db, held.deliveryId)).toMatchObject({ status: 'skipped', error: 'global_control', customerId: 'held' });
    expect(await journey.sendEmail(input('held'))).toMatchObject({ status: 'skipped', reason: 'global_control' }); // a retry too
    expect(await journey.sendEmail(input('treated'))).toMatchObject({ status: 'sent' });
    expect(sink.messages.map((mail) => (Array.isArray(mail.to) ? undefined : mail.to?.text))).toEqual(['treated@example.com']);
  });

  it('assigns a customer not yet seen at the send, and holds nobody out while the share is 0', async () => {
    await saveAnalyticsSettings(db, { ...DEFAULT_ANALYTICS_SETTINGS, globalControlShare: 0.5 });
    const journey = createActivities({ db, transport: sink.transport, config });
    await journey.sendEmail(input('fresh'));
    expect(await globalControlMembership(db, 'fresh')).toMatchObject({ share: 0.5 });

    await saveAnalyticsSettings(db, { ...DEFAULT_ANALYTICS_SETTINGS, globalControlShare: 0 });
    const off = await journey.sendEmail({ ...input('held'), nodeId: 'send-2' });
    expect(off).toMatchObject({ status: 'sent' });
    expect(await globalControlMembership(db, 'held')).toMatchObject({ inControl: true }); // remembered for when it is turned back on
  });
});
