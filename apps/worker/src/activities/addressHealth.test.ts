import { activeSuppressionOf, findCustomer, insertTemplate, listSuppressions, setSoftBounceThreshold, softFailureCount, upsertCustomer, updateCustomer, type Db } from '@lifecycle/db';
import type { SendEmailInput } from '@lifecycle/workflows/activities';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBouncingSmtpServer, type BouncingSmtpServer } from '../testing/bouncingSmtpServer';
import { openTempDb } from '../testing/tempDb';
import { createActivities } from '.';

const config = { mailFrom: 'Lifecycle <hello@lifecycle.test>', publicUrl: 'http://track.test', trackingSecret: 'test-secret-0123456789' };

let smtp: BouncingSmtpServer;
let db: Db;
let dispose: () => void;

beforeEach(async () => {
  smtp = await startBouncingSmtpServer();
  ({ db, dispose } = openTempDb());
  await insertTemplate(db, 'hello', { name: 'Hello', subject: 'Hello', html: '<p>Hi</p>', text: null });
  await upsertCustomer(db, 'gone', { email: 'Gone@Example.com' });
});

afterEach(async () => {
  await smtp.close();
  dispose();
});

const send = (customerId: string, run: string) => {
  const activities = createActivities({ db, transport: smtp.transport, config });
  const input: SendEmailInput = { workflowId: `journey/j/${customerId}/${run}`, journeyId: 'j', nodeId: 'send', templateId: 'hello', customerId, triggerEvent: { id: 'ev', name: 'signed_up', properties: {}, timestamp: '2026-01-01T00:00:00.000Z' }, offers: [] };
  return activities.sendEmail(input);
};

describe('a permanent refusal by the SMTP server', () => {
  it('suppresses the address with the reply as reason, flags every customer with it, and the next send is skipped', async () => {
    await upsertCustomer(db, 'twin', { email: 'gone@example.com' });
    smtp.replyTo('gone@example.com', { code: 550, message: '5.1.1 <gone@example.com>: mailbox does not exist' });

    const first = await send('gone', 'first');
    expect(first).toMatchObject({ status: 'failed' });
    const suppression = await activeSuppressionOf(db, 'GONE@example.com');
    expect(suppression).toMatchObject({ address: 'gone@example.com', source: 'smtp_hard', createdBy: 'system' });
    expect(suppression?.reason).toContain('550 5.1.1 <gone@example.com>: mailbox does not exist');
    expect((await findCustomer(db, 'gone'))?.suppressed).toBe(true);
    expect((await findCustomer(db, 'twin'))?.suppressed).toBe(true);

    expect(await send('gone', 'second')).toMatchObject({ status: 'skipped', reason: 'suppressed' });
    expect(await send('twin', 'first')).toMatchObject({ status: 'skipped', reason: 'suppressed' });
    expect(smtp.accepted).toEqual([]);
  });

  it('flags a customer who later moves to the suppressed address, and lifts it when they move off again', async () => {
    smtp.replyTo('gone@example.com', { code: 550, message: 'no such user' });
    await send('gone', 'first');
    await upsertCustomer(db, 'newcomer', { email: 'fresh@example.com' });
    expect((await findCustomer(db, 'newcomer'))?.suppressed).toBe(false);

    await updateCustomer(db, 'newcomer', { traits: { email: ' GONE@example.com' } });
    expect((await findCustomer(db, 'newcomer'))?.suppressed).toBe(true);
    await upsertCustomer(db, 'late', { email: 'gone@example.com' });
    expect((await findCustomer(db, 'late'))?.suppressed).toBe(true);

    await updateCustomer(db, 'newcomer', { traits: { email: 'fresh@example.com' } });
    expect((await findCustomer(db, 'newcomer'))?.suppressed).toBe(false);
    expect(await send('newcomer', 'after-move')).toMatchObject({ status: 'sent' });
  });

  it('does not suppress for a refusal of the relay itself (policy code), only fails the delivery', async () => {
    smtp.replyTo('gone@example.com', { code: 554, message: '5.7.1 Relay access denied' });
    expect(await send('gone', 'first')).toMatchObject({ status: 'failed' });
    expect(await activeSuppressionOf(db, 'gone@example.com')).toBeUndefined();
  });
});

describe('temporary refusals', () => {
  it('are retried, counted once per delivery, and suppress the address at the admin threshold', async () => {
    await setSoftBounceThreshold(db, 3);
    smtp.replyTo('gone@example.com', { code: 452, message: '4.2.2 mailbox full' });

    await expect(send('gone', 'a')).rejects.toThrow(/452/);
    await expect(send('gone', 'a')).rejects.toThrow(/452/); // Temporal's retry of the same delivery
    expect(await softFailureCount(db, 'gone@example.com')).toBe(1);
    await expect(send('gone', 'b')).rejects.toThrow(/452/);
    expect(await activeSuppressionOf(db, 'gone@example.com')).toBeUndefined();
    await expect(send('gone', 'c')).rejects.toThrow(/452/);

    const suppression = await activeSuppressionOf(db, 'gone@example.com');
    expect(suppression).toMatchObject({ source: 'smtp_soft' });
    expect(suppression?.reason).toMatch(/^3 soft failures in a row; the last: 452 4\.2\.2 mailbox full/);
    // The delivery still being retried finds the address suppressed and stops.
    expect(await send('gone', 'c')).toMatchObject({ status: 'skipped', reason: 'suppressed' });
    expect((await listSuppressions(db, { includeRemoved: false, limit: 10 })).total).toBe(1);
  });

  it('start again from zero after a successful delivery', async () => {
    await setSoftBounceThreshold(db, 2);
    smtp.replyTo('gone@example.com', { code: 450, message: '4.2.1 try later' });
    await expect(send('gone', 'a')).rejects.toThrow(/450/);
    smtp.replyTo('gone@example.com', null);
    expect(await send('gone', 'b')).toMatchObject({ status: 'sent' });
    expect(await softFailureCount(db, 'gone@example.com')).toBe(0);
    smtp.replyTo('gone@example.com', { code: 450, message: '4.2.1 try later' });
    await expect(send('gone', 'c')).rejects.toThrow(/450/);
    expect(await activeSuppressionOf(db, 'gone@example.com')).toBeUndefined();
  });
});
