import { claimDelivery, getDelivery, insertTemplate, markDeliverySending, setSubscription, updateCustomer, upsertCustomer, type Db } from '@lifecycle/db';
import { verifyTrackingToken } from '@lifecycle/messaging';
import type { SendEmailInput } from '@lifecycle/workflows/activities';
import type { ParsedMail } from 'mailparser';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMutedSmtpServer } from '../testing/mutedSmtpServer';
import { startSmtpSink, type SmtpSink } from '../testing/smtpSink';
import { openTempDb } from '../testing/tempDb';
import { createActivities, deliveryIdentity } from '.';

const config = { mailFrom: 'Lifecycle <hello@lifecycle.test>', publicUrl: 'http://track.test', trackingSecret: 'test-secret-0123456789' };

let sink: SmtpSink;
let db: Db;
let dispose: () => void;

beforeEach(async () => {
  sink = await startSmtpSink();
  ({ db, dispose } = openTempDb());
  await upsertCustomer(db, 'ada', { email: 'ada@example.com', first_name: 'Ada', plan: 'pro' });
  await insertTemplate(db, 'welcome', {
    name: 'Welcome',
    subject: 'Hi {{ customer.first_name }}, your {{ customer.traits.plan }} plan',
    html: '<html><body><p>Bought {{ event.item }}. Code {{ offer.code }}.</p><a href="https://shop.example.com/a?x=1&amp;y=2">shop</a> <a href="{{ unsubscribe_url }}">unsubscribe</a></body></html>',
    text: 'Hi {{ customer.first_name }} - {{ offers.Spring.code }}',
  });
});

afterEach(async () => {
  await sink.close();
  dispose();
});

/** A loopback port nothing listens on. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * An SMTP server that accepts the envelope, answers DATA with 354 and closes the connection at once, before a byte of
 * the message can arrive. `onData` runs when DATA comes in, before the answer.
 */
async function startDroppingSmtpServer(onData: () => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    socket.write('220 dropping ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const command = buffer.slice(0, end).toUpperCase();
        buffer = buffer.slice(end + 2);
        if (command.startsWith('DATA')) {
          onData();
          socket.end('354 go ahead\r\n');
          return;
        }
        socket.write(command.startsWith('EHLO') ? '250 dropping\r\n' : '250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A header as sent (unfolded), since mailparser restructures List-* headers. */
function rawHeader(mail: ParsedMail, key: string): string {
  const line = mail.headerLines.find((header) => header.key === key)?.line ?? '';
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, '').trim();
}

function input(overrides: Partial<SendEmailInput> = {}): SendEmailInput {
  return {
    workflowId: 'journey/j1/ada/once',
    journeyId: 'j1',
    nodeId: 'send-1',
    templateId: 'welcome',
    customerId: 'ada',
    triggerEvent: { id: 'ev1', name: 'order_completed', properties: { item: 'socks' }, timestamp: '2026-01-01T00:00:00.000Z' },
    offers: [{ offerId: 'o1', name: 'Spring', code: 'SPRING-ABCDEFGH', expiresAt: null }],
    ...overrides,
  };
}

describe('sendEmail', () => {
  it('sends once with the derived Message-ID, one-click unsubscribe headers, tracked links and a pixel', async () => {
    const journey = createActivities({ db, transport: sink.transport, config });
    const result = await journey.sendEmail(input());

    expect(result.status).toBe('sent');
    if (result.status !== 'sent') return;
    expect(result.deliveryId).toMatch(/^[0-9a-f]{24}$/);
    expect(result.messageId).toBe(`<${result.deliveryId}@lifecycle.test>`);
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.messageId).toBe(result.messageId);
    expect(mail.subject).toBe('Hi Ada, your pro plan');
    expect(mail.text).toContain('Hi Ada - SPRING-ABCDEFGH');
    expect(rawHeader(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeToken = /^<http:\/\/track\.test\/u\/([^>]+)>$/.exec(rawHeader(mail, 'list-unsubscribe'))?.[1];
    expect(verifyTrackingToken(config.trackingSecret, unsubscribeToken ?? '')).toEqual({ kind: 'unsubscribe', deliveryId: result.deliveryId });

    const html = String(mail.html);
    expect(html).toContain('Bought socks. Code SPRING-ABCDEFGH.');
    const clickToken = /href="http:\/\/track\.test\/t\/c\/([^"]+)"/.exec(html)?.[1];
    expect(verifyTrackingToken(config.trackingSecret, clickToken ?? '')).toEqual({
      kind: 'click',
      deliveryId: result.deliveryId,
      url: 'https://shop.example.com/a?x=1&y=2',
    });
    expect(html).toContain(`href="http://track.test/u/${unsubscribeToken}"`);
    const pixelToken = /<img src="http:\/\/track\.test\/t\/o\/([^"]+)" width="1" height="1" alt="">/.exec(html)?.[1];
    expect(verifyTrackingToken(config.trackingSecret, pixelToken ?? '')).toEqual({ kind: 'open', deliveryId: result.deliveryId });

    const stored = await getDelivery(db, result.deliveryId);
    expect(stored).toMatchObject({ status: 'sent', to: 'ada@example.com', subject: 'Hi Ada, your pro plan', attempts: 1 });
    expect(stored?.html).toContain('Bought socks. Code SPRING-ABCDEFGH.');
    expect(stored?.html).not.toContain('track.test/t/o/');
    expect(stored?.text).toContain('Hi Ada - SPRING-ABCDEFGH');
  });

  it('returns the first result to a retry and sends nothing more', async () => {
    const journey = createActivities({ db, transport: sink.transport, config });
    const first = await journey.sendEmail(input());
    const retried = await journey.sendEmail(input());
    expect(retried).toEqual(first);
    expect(sink.messages).toHaveLength(1);
    const other = await journey.sendEmail(input({ nodeId: 'send-2' }));
    expect(other.status).toBe('sent');
    expect(other.deliveryId).not.toBe(first.deliveryId);
    expect(sink.messages).toHaveLength(2);
  });

  it('skips and records unsubscribed, suppressed, email-less and missing customers', async () => {
    await upsertCustomer(db, 'gone', { email: 'gone@example.com' });
    await setSubscription(db, 'gone', 'unsubscribed');
    await upsertCustomer(db, 'bounced', { email: 'bounced@example.com' });
    await db.prepare("update customers set suppressed = true where id = 'bounced'").run();
    await upsertCustomer(db, 'anon', { plan: 'free' });
    const journey = createActivities({ db, transport: sink.transport, config });

    const cases = [
      ['gone', 'unsubscribed'],
      ['bounced', 'suppressed'],
      ['anon', 'no_email'],
      ['nobody', 'customer_missing'],
    ] as const;
    for (const [customerId, reason] of cases) {
      const result = await journey.sendEmail(input({ customerId, workflowId: `journey/j1/${customerId}/once` }));
      expect(result).toMatchObject({ status: 'skipped', reason });
      expect(await getDelivery(db, result.deliveryId)).toMatchObject({ status: 'skipped', error: reason, customerId });
      // Re-subscribing later does not make a retry of this step send.
      expect(await journey.sendEmail(input({ customerId, workflowId: `journey/j1/${customerId}/once` }))).toEqual(result);
    }
    await setSubscription(db, 'gone', 'subscribed');
    expect((await journey.sendEmail(input({ customerId: 'gone', workflowId: 'journey/j1/gone/once' }))).status).toBe('skipped');
    expect(sink.messages).toHaveLength(0);
  });

  it('fails a template with a Liquid error permanently, without throwing', async () => {
    await insertTemplate(db, 'broken', { name: 'Broken', subject: 'Hi {{ customer.first_name | shout }}', html: '<p>x</p>', text: null });
    const journey = createActivities({ db, transport: sink.transport, config });
    const result = await journey.sendEmail(input({ templateId: 'broken' }));
    expect(result).toMatchObject({ status: 'failed' });
    expect(result.status === 'failed' && result.reason).toMatch(/render_error: subject: undefined filter: shout/);
    expect((await getDelivery(db, result.deliveryId))?.status).toBe('failed');
    expect(await journey.sendEmail(input({ templateId: 'broken' }))).toEqual(result);
    expect(sink.messages).toHaveLength(0);
  });

  it("fails a template whose cost depends on the customer's data as template_timeout, permanently", async () => {
    await insertTemplate(db, 'loop', {
      name: 'Loop',
      subject: 'Loop',
      html: '{% for i in (1..customer.n) %}{% for j in (1..customer.n) %}x{% endfor %}{% endfor %}',
      text: null,
    });
    await updateCustomer(db, 'ada', { traits: { n: 20_000 } });
    const journey = createActivities({ db, transport: sink.transport, config });
    const result = await journey.sendEmail(input({ templateId: 'loop' }));
    expect(result.status === 'failed' && result.reason).toMatch(/^template_timeout: html: /);
    expect(await getDelivery(db, result.deliveryId)).toMatchObject({ status: 'failed', error: result.status === 'failed' ? result.reason : '' });
    expect(await journey.sendEmail(input({ templateId: 'loop' }))).toEqual(result);
    expect(sink.messages).toHaveLength(0);
  });

  it('fails a stored template that includes a file, without reading the file', async () => {
    // Stored before file tags were refused at save: the send must fail, never read package.json.
    await insertTemplate(db, 'reads-files', { name: 'Reads files', subject: 'Hi', html: "<pre>{% include 'package.json' %}</pre>", text: "{% render '.data/secret' %}" });
    const journey = createActivities({ db, transport: sink.transport, config });
    const result = await journey.sendEmail(input({ templateId: 'reads-files' }));
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^render_error: html: \{% include %\} is not allowed: templates cannot read files/) });
    const stored = await getDelivery(db, result.deliveryId);
    expect(stored).toMatchObject({ status: 'failed', html: null, text: null });
    expect(JSON.stringify(stored)).not.toContain('"name"');
    expect(sink.messages).toHaveLength(0);
  });

  it('sends multipart/alternative with a text part made from the HTML: its words and its tracked links', async () => {
    await insertTemplate(db, 'html-only', {
      name: 'HTML only',
      subject: 'Spring sale',
      html: '<html><body><h1>Spring sale</h1><p>Hello {{ customer.first_name }}, use <b>{{ offer.code }}</b>.</p><p><a href="https://shop.example.com/sale?x=1&amp;y=2">Shop the sale</a></p><img src="https://cdn.example.com/hero.png" alt="Spring flowers"></body></html>',
      text: null,
    });
    const journey = createActivities({ db, transport: sink.transport, config });
    const result = await journey.sendEmail(input({ templateId: 'html-only' }));
    expect(result.status).toBe('sent');
    const mail = sink.messages[0]!;
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    const text = mail.text ?? '';
    expect(text).toContain('Hello Ada, use SPRING-ABCDEFGH.');
    expect(text).toContain('Spring flowers');
    expect(text).not.toMatch(/<[a-z]/i);
    // The link is kept as "text (url)", through the click endpoint like the HTML's, so a click still counts.
    const link = /Shop the sale\s+\((http:\/\/track\.test\/t\/c\/[^)\s]+)\)/.exec(text)?.[1] ?? '';
    expect(verifyTrackingToken(config.trackingSecret, link.split('/t/c/')[1] ?? '')).toEqual({
      kind: 'click',
      deliveryId: result.deliveryId,
      url: 'https://shop.example.com/sale?x=1&y=2',
    });
    expect(text).not.toContain('/t/o/');
    expect(String(mail.html)).toContain('/t/o/');
    // The stored copy (shown on the run page) has the same words, without tracking.
    const stored = await getDelivery(db, result.deliveryId);
    expect(stored?.text).toContain('Shop the sale (https://shop.example.com/sale?x=1&y=2)');
  });

  it('throws on a 451 so Temporal retries, then sends exactly once when the server recovers', async () => {
    const journey = createActivities({ db, transport: sink.transport, config });
    sink.refuse({ code: 451, message: 'greylisted, try again later' });
    await expect(journey.sendEmail(input())).rejects.toThrow(/451/);
    expect(sink.messages).toHaveLength(0);
    sink.refuse(null);
    const result = await journey.sendEmail(input());
    expect(result.status).toBe('sent');
    expect(sink.messages).toHaveLength(1);
    expect(await getDelivery(db, result.deliveryId)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await journey.sendEmail(input())).toEqual(result);
    expect(sink.messages).toHaveLength(1);
  });

  it('throws on a 421 at RCPT with the delivery still pending, then a retry sends exactly one', async () => {
    const journey = createActivities({ db, transport: sink.transport, config });
    sink.refuse({ code: 421, message: 'too busy, closing' });
    await expect(journey.sendEmail(input())).rejects.toThrow(/421/);
    const { deliveryId } = deliveryIdentity(input().workflowId, input().nodeId, config.mailFrom);
    expect(await getDelivery(db, deliveryId)).toMatchObject({ status: 'pending', sentAt: null });
    sink.refuse(null);
    expect(await journey.sendEmail(input())).toMatchObject({ status: 'sent', deliveryId });
    expect(sink.messages).toHaveLength(1);
  });

  it('puts the delivery back to pending on a 451 at the end of DATA, so the retry sends exactly one', async () => {
    const journey = createActivities({ db, transport: sink.transport, config });
    sink.refuseData({ code: 451, message: 'local error in processing' });
    await expect(journey.sendEmail(input())).rejects.toThrow(/451/);
    const { deliveryId } = deliveryIdentity(input().workflowId, input().nodeId, config.mailFrom);
    expect(await getDelivery(db, deliveryId)).toMatchObject({ status: 'pending', sentAt: null });
    sink.refuseData(null);
    expect(await journey.sendEmail(input())).toMatchObject({ status: 'sent', deliveryId });
    expect(sink.messages).toHaveLength(1);
    expect(await getDelivery(db, deliveryId)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it.each([false, true])('puts the delivery back to pending when the connection broke while it was being marked sending, so the retry sends it (pool: %s)', async (pool) => {
    // The client reports the broken connection through its logger, having closed the message's stream first.
    let reportBroken = () => {};
    const broken = new Promise<void>((resolve) => (reportBroken = resolve));
    const onError = (entry: { err?: unknown } | undefined) => {
      if (entry?.err) reportBroken();
    };
    const quiet = () => {};
    const logger = { level: () => 'trace', trace: quiet, debug: quiet, info: quiet, warn: onError, error: onError, fatal: onError };
    let holding: Promise<void> | undefined;
    // Until then the database is busy with another write, so the first read's marking of `sending` waits for it.
    const dropping = await startDroppingSmtpServer(() => {
      holding ??= db.transaction(async () => await broken);
    });
    const droppingTransport = nodemailer.createTransport({ host: '127.0.0.1', port: dropping.port, ignoreTLS: true, pool, logger });
    try {
      await expect(createActivities({ db, transport: droppingTransport, config }).sendEmail(input())).rejects.toThrow(/Connection closed/);
      await holding;
      const { deliveryId } = deliveryIdentity(input().workflowId, input().nodeId, config.mailFrom);
      // `to` is stored by the marking: it did happen, after the connection broke, and was undone.
      expect(await getDelivery(db, deliveryId)).toMatchObject({ status: 'pending', sentAt: null, to: 'ada@example.com' });
      expect(await createActivities({ db, transport: sink.transport, config }).sendEmail(input())).toMatchObject({ status: 'sent', deliveryId });
      expect(sink.messages).toHaveLength(1);
    } finally {
      droppingTransport.close();
      await dropping.close();
    }
  });

  it('does not resend a delivery an attempt died handing over, and records it as uncertain', async () => {
    // What a worker killed mid-DATA leaves: the row marked `sending`, no answer recorded.
    const { deliveryId, idempotencyKey, messageId } = deliveryIdentity(input().workflowId, input().nodeId, config.mailFrom);
    await claimDelivery(db, { id: deliveryId, idempotencyKey, messageId, workflowId: input().workflowId, nodeId: 'send-1', journeyId: 'j1', customerId: 'ada', templateId: 'welcome' });
    await markDeliverySending(db, deliveryId, { to: 'ada@example.com', subject: 'Hi Ada, your pro plan', at: '2026-01-01T00:00:00.000Z' });

    const journey = createActivities({ db, transport: sink.transport, config });
    const result = await journey.sendEmail(input());
    expect(result).toEqual({
      status: 'uncertain',
      deliveryId,
      reason: 'the worker stopped while the SMTP server was receiving this message; it was not sent again, to avoid a duplicate',
    });
    expect(await getDelivery(db, deliveryId)).toMatchObject({ status: 'uncertain', to: 'ada@example.com', error: result.status === 'uncertain' ? result.reason : '' });
    expect(await journey.sendEmail(input())).toEqual(result);
    expect(sink.messages).toHaveLength(0);
  });

  it('does not resend a message the server received but never answered, and records it as uncertain', async () => {
    const muted = await startMutedSmtpServer();
    const silent = nodemailer.createTransport({ host: '127.0.0.1', port: muted.port, ignoreTLS: true });
    try {
      const result = await createActivities({ db, transport: silent, config }).sendEmail(input());
      expect(result).toMatchObject({ status: 'uncertain', reason: expect.stringMatching(/before it answered; it was not sent again/) });
      expect(muted.received()).toBe(1);
      expect(await getDelivery(db, result.deliveryId)).toMatchObject({ status: 'uncertain', to: 'ada@example.com' });
      expect(await createActivities({ db, transport: sink.transport, config }).sendEmail(input())).toEqual(result);
      expect(sink.messages).toHaveLength(0);
    } finally {
      await muted.close();
    }
  });

  it('throws while the SMTP server is unreachable, and sends once it is back', async () => {
    const refused = nodemailer.createTransport({ host: '127.0.0.1', port: await unusedPort(), ignoreTLS: true, connectionTimeout: 2_000 });
    await expect(createActivities({ db, transport: refused, config }).sendEmail(input())).rejects.toThrow(/ECONNREFUSED/);
    const result = await createActivities({ db, transport: sink.transport, config }).sendEmail(input());
    expect(result.status).toBe('sent');
    expect(sink.messages).toHaveLength(1);
  });

  it('fails permanently when the server rejects the recipient with a 5xx', async () => {
    const journey = createActivities({ db, transport: sink.transport, config });
    sink.refuse({ code: 550, message: 'no such mailbox' });
    const result = await journey.sendEmail(input());
    expect(result.status === 'failed' && result.reason).toMatch(/smtp_rejected: .*550/);
    sink.refuse(null);
    expect(await journey.sendEmail(input())).toEqual(result);
    expect(sink.messages).toHaveLength(0);
  });

  it('renders traits changed since the run started', async () => {
    await updateCustomer(db, 'ada', { traits: { first_name: 'Augusta' } });
    const journey = createActivities({ db, transport: sink.transport, config });
    await journey.sendEmail(input());
    expect(sink.messages[0]?.subject).toBe('Hi Augusta, your pro plan');
  });
});
