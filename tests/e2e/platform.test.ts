import { connect } from 'node:net';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaughtMessage } from '../support/processes';
import {
  startMailCatcher,
  startMailCatcherProcess,
  startTemporalDevServer,
  tempDir,
  waitFor,
  type MailCatcherProcess,
  type TemporalDevServer,
} from '../support/processes';
import { temporalIsHealthy } from '../../scripts/temporalDevServer';
import { temporalCliPath } from '../../scripts/temporalBinaries';

type Mail = { from: string; to: string; subject: string; text: string; html: string; headers?: Record<string, string> };

/**
 * Opens a message to the catcher over a raw SMTP connection (sender and recipient accepted) and resets the connection,
 * as a worker killed in the middle of a send does.
 */
async function dropMidMessage(smtpUrl: string): Promise<void> {
  const { hostname, port } = new URL(smtpUrl);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  // The server's nth final reply line ("250 …", not a "250-…" continuation): the banner is the first.
  const reply = (n: number) =>
    waitFor(() => received.split('\r\n').filter((line) => /^\d{3} /.test(line)).length >= n, { timeoutMs: 10_000, intervalMs: 20, description: `SMTP reply ${n}` });
  await reply(1);
  for (const [index, command] of ['EHLO client.test', 'MAIL FROM:<a@example.com>', 'RCPT TO:<b@example.com>'].entries()) {
    socket.write(`${command}\r\n`);
    await reply(index + 2);
  }
  socket.resetAndDestroy();
}

async function sendMail(smtpUrl: string, mail: Mail): Promise<string> {
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    return (await transport.sendMail(mail)).messageId;
  } finally {
    transport.close();
  }
}

async function caught(httpUrl: string): Promise<CaughtMessage[]> {
  const response = await fetch(`${httpUrl}/messages`);
  return ((await response.json()) as { messages: CaughtMessage[] }).messages;
}

const welcome = (to: string): Mail => ({
  from: 'Lifecycle <hello@lifecycle.local>',
  to,
  subject: 'Welcome aboard',
  text: 'Hello there',
  html: '<p>Hello <b>there</b></p>',
  headers: { 'List-Unsubscribe': '<http://127.0.0.1:3000/u/abc>' },
});

describe('local platform', () => {
  let temporal: TemporalDevServer;
  let mail: MailCatcherProcess;

  beforeAll(async () => {
    [temporal, mail] = await Promise.all([startTemporalDevServer(), startMailCatcherProcess()]);
  });
  afterAll(async () => {
    await Promise.all([temporal?.stop(), mail?.stop()]);
  });

  it('runs a healthy Temporal dev server that comes back on the same file after kill -9', async () => {
    expect(await temporalIsHealthy(temporalCliPath(), temporal.address)).toBe(true);
    await temporal.kill9();
    expect(await temporalIsHealthy(temporalCliPath(), temporal.address)).toBe(false);
    await temporal.restart();
    expect(await temporalIsHealthy(temporalCliPath(), temporal.address)).toBe(true);
  });

  it('catches a message sent over SMTP with its subject, Message-ID, bodies and headers', async () => {
    const messageId = await sendMail(mail.smtpUrl, welcome('ada@example.com'));
    const [message] = await waitFor(
      async () => {
        const messages = await caught(mail.httpUrl);
        return messages.some((m) => m.messageId === messageId) ? messages : undefined;
      },
      { timeoutMs: 10_000, description: 'the message in GET /messages' },
    );
    expect(message).toMatchObject({
      messageId,
      subject: 'Welcome aboard',
      to: ['ada@example.com'],
      from: 'Lifecycle <hello@lifecycle.local>',
      text: 'Hello there',
      html: '<p>Hello <b>there</b></p>',
    });
    expect(message?.headers['list-unsubscribe']).toBe('<http://127.0.0.1:3000/u/abc>');
    const one = await fetch(`${mail.httpUrl}/messages/${message?.id}`);
    expect(await one.json()).toMatchObject({ messageId, subject: 'Welcome aboard' });
  });

  it('keeps caught messages across a catcher restart and lists the newest first', async () => {
    const second = await sendMail(mail.smtpUrl, { ...welcome('grace@example.com'), subject: 'Your offer' });
    await mail.kill9();
    await mail.restart();
    const messages = await caught(mail.httpUrl);
    expect(messages[0]).toMatchObject({ messageId: second, subject: 'Your offer' });
    expect(messages.map((m) => m.subject)).toContain('Welcome aboard');
    expect((await fetch(`${mail.httpUrl}/messages`, { method: 'DELETE' })).status).toBe(200);
    expect(await caught(mail.httpUrl)).toEqual([]);
  });

  it('keeps serving when a client resets its connection in the middle of a message (a worker killed mid-send)', async () => {
    await dropMidMessage(mail.smtpUrl);
    const messageId = await sendMail(mail.smtpUrl, { ...welcome('alan@example.com'), subject: 'After a reset' });
    await waitFor(async () => (await caught(mail.httpUrl)).some((m) => m.messageId === messageId), { timeoutMs: 10_000, description: 'the message after the reset' });
  });

  it('runs in-process on port 0 and reports the ports it bound', async () => {
    const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, file: join(tempDir(), 'mail.jsonl') });
    try {
      const messageId = await sendMail(`smtp://127.0.0.1:${catcher.smtpPort}`, welcome('linus@example.com'));
      const messages = await caught(`http://127.0.0.1:${catcher.httpPort}`);
      expect(messages).toMatchObject([{ messageId, subject: 'Welcome aboard' }]);
      expect((await fetch(`http://127.0.0.1:${catcher.httpPort}/messages/nope`)).status).toBe(404);
    } finally {
      await catcher.stop();
    }
  });
});
