import { getDelivery, insertTemplate, upsertCustomer, type Db } from '@lifecycle/db';
import type { SendEmailInput } from '@lifecycle/workflows/activities';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMutedSmtpServer } from '../testing/mutedSmtpServer';
import { openTempDb } from '../testing/tempDb';
import { createActivities } from '.';

// The worker's pooled transport (main.ts: `pool: true`) against a real SMTP server on loopback that counts its sessions.

const config = { mailFrom: 'Lifecycle <hello@lifecycle.test>', publicUrl: 'http://track.test', trackingSecret: 'test-secret-0123456789' };

interface CountingServer {
  port: number;
  sessions: () => number;
  subjects: string[];
  /** Ends every open session from the server's side, as a server timing out idle clients does. */
  dropAll: () => number;
  close: () => Promise<void>;
}

async function startCountingServer(): Promise<CountingServer> {
  let sessions = 0;
  const subjects: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      sessions += 1;
      callback();
    },
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        subjects.push(/^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '');
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // smtp-server keeps its open sessions in `connections`, each able to close itself.
  const open = (server as unknown as { connections: Set<{ close(): void }> }).connections;
  return {
    port: (server.server.address() as AddressInfo).port,
    sessions: () => sessions,
    subjects,
    dropAll: () => {
      const count = open.size;
      for (const connection of [...open]) connection.close();
      return count;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let db: Db;
let dispose: () => void;
beforeEach(async () => {
  ({ db, dispose } = openTempDb());
  await insertTemplate(db, 'hello', { name: 'Hello', subject: 'Hello {{ customer.id }}', html: '<p>Hi</p>' });
  for (let i = 0; i < 30; i++) await upsertCustomer(db, `c${i}`, { email: `c${i}@example.com` });
});
afterEach(() => dispose());

function send(i: number): SendEmailInput {
  return {
    workflowId: `journey/pool/c${i}/1`,
    journeyId: 'pool',
    nodeId: 'send',
    templateId: 'hello',
    customerId: `c${i}`,
    triggerEvent: { id: `ev${i}`, name: 'signed_up', properties: {}, timestamp: '2026-01-01T00:00:00.000Z' },
    offers: [],
  };
}

describe('the worker’s pooled SMTP transport', () => {
  it('sends many emails over a few reused connections', async () => {
    const server = await startCountingServer();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.port, ignoreTLS: true, pool: true, maxConnections: 2 });
    try {
      const { sendEmail } = createActivities({ db, transport, config });
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => sendEmail(send(i))));
      expect(results.map((result) => result.status)).toEqual(Array.from({ length: 30 }, () => 'sent'));
      expect([...server.subjects].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `Hello c${i}`).sort());
      // One connection per email before the pool: 30 sessions.
      expect(server.sessions()).toBeLessThanOrEqual(2);
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('reopens a connection the server dropped, sending each email exactly once', async () => {
    const server = await startCountingServer();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.port, ignoreTLS: true, pool: true, maxConnections: 2 });
    try {
      const { sendEmail } = createActivities({ db, transport, config });
      await Promise.all([0, 1, 2, 3].map((i) => sendEmail(send(i))));
      const before = server.sessions();
      // Dropped while the pool holds them idle; the next sends go at once, before or after the pool noticed.
      expect(server.dropAll()).toBeGreaterThan(0);
      const later = await Promise.all([4, 5, 6, 7, 8, 9].map((i) => sendEmail(send(i))));
      expect(later.map((result) => result.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'sent']);
      expect([...server.subjects].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Hello c${i}`).sort());
      expect(server.sessions()).toBeGreaterThan(before);
      expect(server.sessions()).toBeLessThanOrEqual(before + 2);
      // A retried activity finds the delivery sent and sends nothing more.
      expect(await sendEmail(send(4))).toMatchObject({ status: 'sent' });
      expect(server.subjects).toHaveLength(10);
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('does not resend over another connection a message the server read but never answered', async () => {
    const muted = await startMutedSmtpServer();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: muted.port, ignoreTLS: true, pool: true, maxConnections: 2 });
    try {
      const { sendEmail } = createActivities({ db, transport, config });
      const result = await sendEmail(send(0));
      expect(result).toMatchObject({ status: 'uncertain', reason: expect.stringMatching(/it was not sent again/) });
      expect(await getDelivery(db, result.deliveryId)).toMatchObject({ status: 'uncertain' });
      expect(await sendEmail(send(0))).toMatchObject({ status: 'uncertain' });
      expect(muted.received()).toBe(1);
    } finally {
      transport.close();
      await muted.close();
    }
  });
});
