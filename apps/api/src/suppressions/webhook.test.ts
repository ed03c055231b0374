import { activeSuppressionOf, findCustomer, softFailureCount, upsertCustomer } from '@lifecycle/db';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, WRITE_KEY, type TestApp } from '../testing/testApp';
import { safeSubscribeUrl } from './snsSubscription';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
  await upsertCustomer(t.db, 'ada', { email: 'Ada@Example.com' });
});
afterEach(async () => {
  await t.close();
});

const post = (body: unknown, headers: Record<string, string> = { authorization: t.basic(WRITE_KEY) }, path = '/v1/bounces') => t.sendAs('POST', path, body, headers);

/** An SES notification as Amazon SNS posts it over HTTP (text/plain, the message a JSON string). */
const sns = (message: unknown, id = 'sns-1') => ({
  Type: 'Notification', MessageId: id, TopicArn: 'arn:aws:sns:us-east-1:123456789012:ses-bounces', Message: JSON.stringify(message), Timestamp: '2026-11-30T07:00:00.000Z',
});

describe('POST /v1/bounces, generic shape', () => {
  it('suppresses on a hard bounce, once however often it is sent, with the reason shown', async () => {
    const notice = { id: 'n-1', type: 'bounce', email: 'ada@example.com', bounceType: 'hard', reason: '550 5.1.1 user unknown', at: '2026-11-30T07:00:00Z' };
    const first = await post(notice);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 1, suppressed: ['ada@example.com'], softCounted: 0, duplicates: 0, ignored: 0 });
    expect((await findCustomer(t.db, 'ada'))?.suppressed).toBe(true);
    expect(await activeSuppressionOf(t.db, 'ada@example.com')).toMatchObject({ source: 'bounce_webhook', reason: '550 5.1.1 user unknown', createdBy: 'webhook' });
    expect((await post(notice)).body).toMatchObject({ suppressed: [], duplicates: 1 });
  });

  it('counts soft bounces (a repeated notice once) and suppresses at the threshold; a complaint suppresses', async () => {
    const soft = (id: string) => ({ id, type: 'bounce', email: 'bob@example.com', bounceType: 'soft', reason: 'mailbox full' });
    expect((await post([soft('s1'), soft('s1'), soft('s2')])).body).toMatchObject({ received: 3, softCounted: 2, duplicates: 1, suppressed: [] });
    expect(await softFailureCount(t.db, 'bob@example.com')).toBe(2);
    expect((await post([soft('s3')])).body).toMatchObject({ suppressed: ['bob@example.com'] });
    expect((await activeSuppressionOf(t.db, 'bob@example.com'))?.reason).toBe('3 soft failures in a row; the last: mailbox full');

    expect((await post({ type: 'complaint', email: 'carol@example.com' })).body).toMatchObject({ suppressed: ['carol@example.com'] });
    expect(await activeSuppressionOf(t.db, 'carol@example.com')).toMatchObject({ source: 'complaint', reason: 'marked as spam' });
  });

  it('takes the write key as ?key= too, and refuses a missing or wrong one', async () => {
    const notice = { type: 'complaint', email: 'ada@example.com' };
    expect((await post(notice, {})).status).toBe(401);
    expect((await post(notice, { authorization: t.basic('wrong') })).status).toBe(401);
    expect((await post(notice, {}, `/v1/bounces?key=${WRITE_KEY}`)).status).toBe(200);
  });

  it('answers 400 naming the field for bad input, and never a 5xx for junk', async () => {
    const badEmail = await post({ type: 'bounce', email: 'not-an-address', bounceType: 'hard' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.issues).toEqual([expect.objectContaining({ path: 'email' })]);
    const noBounceType = await post([{ type: 'complaint', email: 'a@example.com' }, { type: 'bounce', email: 'b@example.com' }]);
    expect(noBounceType.status).toBe(400);
    expect(noBounceType.body.issues).toEqual([expect.objectContaining({ path: '[1].bounceType' })]);
    expect(await activeSuppressionOf(t.db, 'a@example.com')).toBeUndefined();
    for (const junk of ['hello', '{', '[]', '{}', 'null', '42', '"x"', JSON.stringify({ Type: 'Notification', MessageId: 'm', Message: 'not json' }), JSON.stringify(sns({ notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [] } })), JSON.stringify([{ sg_event_id: 1, event: 'bounce' }])]) {
      const answer = await post(junk);
      expect({ junk, status: answer.status }).toEqual({ junk, status: 400 });
      expect(answer.body.message).toEqual(expect.any(String));
    }
  });
});

describe('POST /v1/bounces, provider shapes', () => {
  it('takes Amazon SES notifications through SNS: permanent bounces and complaints suppress, transient ones count', async () => {
    const permanent = sns({
      notificationType: 'Bounce',
      mail: { messageId: 'ses-m1' },
      bounce: { bounceType: 'Permanent', bounceSubType: 'General', feedbackId: 'fb-1', bouncedRecipients: [{ emailAddress: 'ada@example.com', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }] },
    });
    const answer = await t.sendAs('POST', '/v1/bounces', permanent, { authorization: t.basic(WRITE_KEY), 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification' });
    expect(answer.body).toMatchObject({ received: 1, suppressed: ['ada@example.com'] });
    expect(await activeSuppressionOf(t.db, 'ada@example.com')).toMatchObject({ source: 'bounce_webhook', reason: 'smtp; 550 5.1.1 user unknown' });

    const complaint = sns({ notificationType: 'Complaint', complaint: { feedbackId: 'fb-2', complaintFeedbackType: 'abuse', complainedRecipients: [{ emailAddress: '"Bob" <bob@example.com>' }] } }, 'sns-2');
    expect((await post(complaint)).body).toMatchObject({ suppressed: ['bob@example.com'] });
    expect(await activeSuppressionOf(t.db, 'bob@example.com')).toMatchObject({ source: 'complaint', reason: 'complaint (abuse)' });

    const transient = sns({ eventType: 'Bounce', bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull', feedbackId: 'fb-3', bouncedRecipients: [{ emailAddress: 'carol@example.com' }] } }, 'sns-3');
    expect((await post(transient)).body).toMatchObject({ softCounted: 1, suppressed: [] });
    expect((await post(transient)).body).toMatchObject({ softCounted: 0, duplicates: 1 });
    expect(await softFailureCount(t.db, 'carol@example.com')).toBe(1);
    expect((await post(sns({ notificationType: 'Delivery', mail: { messageId: 'x' } }, 'sns-4'))).body).toMatchObject({ received: 1, ignored: 1, suppressed: [] });
  });

  it('answers the SNS subscription handshake without fetching a URL that is not Amazon SNS', async () => {
    let connections = 0;
    const trap = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const { port } = trap.address() as AddressInfo;
    try {
      const handshake = { Type: 'SubscriptionConfirmation', MessageId: 'sub-1', Token: 't', TopicArn: 'arn:aws:sns:us-east-1:1:x', Message: 'You have chosen to subscribe', SubscribeURL: `http://127.0.0.1:${port}/?Action=ConfirmSubscription&Token=t` };
      const answer = await post(handshake);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ subscription: 'refused', suppressed: [] });
      expect((await post({ ...handshake, Type: 'UnsubscribeConfirmation' })).body).toMatchObject({ subscription: 'ignored' });
      expect(connections).toBe(0);
    } finally {
      await new Promise((resolve) => trap.close(resolve));
    }
    expect(safeSubscribeUrl('https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=a&Token=b')?.hostname).toBe('sns.eu-west-1.amazonaws.com');
    for (const unsafe of ['https://sns.eu-west-1.amazonaws.com.evil.test/?Action=ConfirmSubscription', 'http://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription', 'https://sns.eu-west-1.amazonaws.com:8443/?Action=ConfirmSubscription', 'https://u:p@sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription', 'https://sns.eu-west-1.amazonaws.com/?Action=Publish', 'file:///etc/passwd', 'not a url']) {
      expect({ unsafe, url: safeSubscribeUrl(unsafe) }).toEqual({ unsafe, url: null });
    }
  });

  it('takes Postmark bounce and spam complaint webhooks', async () => {
    const hard = { RecordType: 'Bounce', ID: 4323372036854775807, Type: 'HardBounce', TypeCode: 1, Email: 'ada@example.com', Description: 'The server was unable to deliver your message', Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist', BouncedAt: '2026-11-30T07:00:00Z' };
    expect((await post(hard)).body).toMatchObject({ suppressed: ['ada@example.com'] });
    expect((await activeSuppressionOf(t.db, 'ada@example.com'))?.reason).toContain('does not exist');
    expect((await post({ RecordType: 'SpamComplaint', ID: 77, Type: 'SpamComplaint', Email: 'bob@example.com' })).body).toMatchObject({ suppressed: ['bob@example.com'] });
    expect((await post({ RecordType: 'Bounce', ID: 78, Type: 'SoftBounce', Email: 'carol@example.com', Description: 'mailbox full' })).body).toMatchObject({ softCounted: 1 });
    expect((await post({ RecordType: 'Bounce', ID: 79, Type: 'AutoResponder', Email: 'dan@example.com' })).body).toMatchObject({ ignored: 1, softCounted: 0, suppressed: [] });
    expect((await post({ RecordType: 'Bounce', ID: 80, Type: 'HardBounce', Email: 'nope' })).body.issues).toEqual([expect.objectContaining({ path: 'Email' })]);
  });

  it('takes SendGrid event lists: bounces suppress, spam reports suppress, other events are ignored', async () => {
    const events = [
      { email: 'ada@example.com', event: 'bounce', type: 'bounce', status: '5.1.1', reason: '550 5.1.1 unknown user', sg_event_id: 'e1', timestamp: 1796000000 },
      { email: 'bob@example.com', event: 'spamreport', sg_event_id: 'e2', timestamp: 1796000000 },
      { email: 'carol@example.com', event: 'bounce', type: 'blocked', reason: 'blocked by ISP', sg_event_id: 'e3', timestamp: 1796000000 },
      { email: 'dan@example.com', event: 'delivered', sg_event_id: 'e4', timestamp: 1796000000 },
    ];
    expect((await post(events)).body).toEqual({ received: 4, suppressed: ['ada@example.com', 'bob@example.com'], softCounted: 1, duplicates: 0, ignored: 1 });
    expect((await post(events)).body).toMatchObject({ duplicates: 3, suppressed: [] });
    expect((await findCustomer(t.db, 'ada'))?.suppressed).toBe(true);
  });
});
