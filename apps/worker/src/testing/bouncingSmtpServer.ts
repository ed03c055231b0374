import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { MailTransport } from '../activities';

/** A reply given to one recipient instead of accepting it, e.g. `{ code: 550, message: '5.1.1 no such user' }`. */
export type RecipientReply = { code: number; message: string };

/** A real SMTP server on loopback that refuses the recipients it is told to (by address) and takes every other. */
export interface BouncingSmtpServer {
  transport: MailTransport & { close(): void };
  /** Recipients of the messages it accepted, in order. */
  accepted: string[];
  /** From now on answer `reply` to RCPT TO for `address` (null: accept it again). */
  replyTo: (address: string, reply: RecipientReply | null) => void;
  close: () => Promise<void>;
}

export async function startBouncingSmtpServer(): Promise<BouncingSmtpServer> {
  const replies = new Map<string, RecipientReply>();
  const accepted: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const reply = replies.get(address.address.toLowerCase());
      callback(reply ? Object.assign(new Error(reply.message), { responseCode: reply.code }) : undefined);
    },
    onData(stream, session, callback) {
      stream.on('end', () => {
        accepted.push(...session.envelope.rcptTo.map((to) => to.address));
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return {
    transport,
    accepted,
    replyTo: (address, reply) => {
      if (reply) replies.set(address.toLowerCase(), reply);
      else replies.delete(address.toLowerCase());
    },
    close: async () => {
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
