import type { Readable } from 'node:stream';
import type { SMTPConnectionSendInfo, SMTPEnvelope } from 'nodemailer/lib/smtp-connection';

/** The part of nodemailer's SMTP pool (`createTransport({ pool: true })`'s transporter) a send goes through. */
export interface SmtpPool {
  name: 'SMTP (pool)';
  send(mail: PooledMail, callback: (error: Error | null, info?: SMTPConnectionSendInfo) => void): unknown;
}

/** The mail object nodemailer's transport API hands a transport (`mail.data`, `mail.message`), reduced to what the pool reads. */
interface PooledMail {
  data: Record<string, never>;
  message: { getEnvelope(): SMTPEnvelope; messageId(): string; getHeader(name: string): string; createReadStream(): Readable };
}

/** The pool inside a nodemailer transporter made with `pool: true`, or null for a transporter without one. */
export function smtpPoolOf(transport: { transporter?: unknown }): SmtpPool | null {
  const transporter = transport.transporter as Partial<SmtpPool> | undefined;
  return transporter?.name === 'SMTP (pool)' && typeof transporter.send === 'function' ? (transporter as SmtpPool) : null;
}

/**
 * Sends over one of the pool's open connections (opened when none is free, up to maxConnections; each replaced after
 * maxMessages). The message is given to the pool as nodemailer's transport API describes a mail, but its bytes come
 * from `openMessage`, read only once the server accepted the envelope and DATA, as sendOverSmtp does (sendMail would
 * read it first). A connection the server dropped while idle is noticed by the pool, which sends the message over a
 * new one: `openMessage` may then be called again, and only a message not yet read is ever sent again (the pool
 * requeues only those; a second stream of a message already handed over refuses to start, see handOverStream).
 */
export function sendThroughPool(pool: SmtpPool, envelope: SMTPEnvelope, messageId: string, openMessage: () => Readable): Promise<SMTPConnectionSendInfo> {
  const mail: PooledMail = {
    data: {},
    message: {
      getEnvelope: () => envelope,
      messageId: () => messageId,
      getHeader: (name) => (name.toLowerCase() === 'message-id' ? messageId : ''),
      createReadStream: openMessage,
    },
  };
  return new Promise((resolve, reject) => {
    pool.send(mail, (error, info) => (error || !info ? reject(error ?? new Error('the SMTP server gave no answer')) : resolve(info)));
  });
}
