import type { Readable } from 'node:stream';
import SMTPConnection, { type SMTPConnectionSendInfo, type SMTPEnvelope } from 'nodemailer/lib/smtp-connection';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type { MailTransport } from './deps';
import { sendThroughPool, smtpPoolOf } from './smtpPoolSend';

/**
 * Sends one message through `transport`: over the pool's open connections when it was made with `pool: true` (the
 * worker's own, see main.ts), else over a connection of its own. `openMessage` gives the message's bytes and is read
 * only once the server accepted the envelope and DATA; the pool may call it again for a message it has not read.
 */
export function sendMessage(transport: MailTransport, envelope: SMTPEnvelope, messageId: string, openMessage: () => Readable): Promise<SMTPConnectionSendInfo> {
  const pool = smtpPoolOf(transport);
  return pool ? sendThroughPool(pool, envelope, messageId, openMessage) : sendOverSmtp(smtpConnectionOptions(transport), envelope, openMessage());
}

/** SMTPConnection options from a nodemailer SMTP transporter's options (a `url` is resolved the way nodemailer does). */
export function smtpConnectionOptions(transport: MailTransport): MailTransport['options'] {
  const { url, ...options } = transport.options;
  return url ? { ...options, ...parseConnectionUrl(url) } : options;
}

/**
 * Sends `message` over a connection of its own and closes it. `message` is read only once the server accepted
 * the envelope and DATA (nodemailer's sendMail reads a raw stream before MAIL FROM, which is why it is not used).
 */
export function sendOverSmtp(
  options: MailTransport['options'],
  envelope: SMTPEnvelope,
  message: Readable,
): Promise<SMTPConnectionSendInfo> {
  return new Promise((resolve, reject) => {
    const connection = new SMTPConnection(options);
    let answered = false;
    const finish = (error: Error | null, info?: SMTPConnectionSendInfo) => {
      if (answered) return;
      answered = true;
      if (error || !info) {
        connection.close();
        reject(error ?? new Error('the SMTP server gave no answer'));
        return;
      }
      connection.quit();
      resolve(info);
    };
    connection.on('error', (error: Error) => finish(error));
    const noAnswer = Object.assign(new Error('the SMTP connection closed before the server answered'), { code: 'ECONNECTION' });
    // A server closing with a reply (421) ends the connection before nodemailer hands that reply to send's callback.
    connection.once('end', () => setImmediate(() => finish(noAnswer)));
    connection.connect((connectError) => {
      if (connectError) return finish(connectError);
      const send = () => connection.send(envelope, message, (error, info) => finish(error ?? null, info));
      if (!options.auth) return send();
      connection.login(options.auth, (error) => (error ? finish(error) : send()));
    });
  });
}
