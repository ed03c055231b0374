import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { MailTransport } from '../activities';

/** A reply the sink gives instead of accepting mail, e.g. `{ code: 451, message: 'try later' }`. */
export interface SmtpRefusal {
  code: number;
  message: string;
}

/** A real SMTP server on loopback that keeps what it receives, and can be told to refuse recipients. */
export interface SmtpSink {
  messages: ParsedMail[];
  transport: MailTransport & { close(): void };
  /** Refuse every recipient with this reply until called with null. */
  refuse: (refusal: SmtpRefusal | null) => void;
  /** Read every message to its end, then answer this instead of accepting it, until called with null. */
  refuseData: (refusal: SmtpRefusal | null) => void;
  close: () => Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let refusal: SmtpRefusal | null = null;
  let dataRefusal: SmtpRefusal | null = null;
  const refusalError = (reply: SmtpRefusal) => Object.assign(new Error(reply.message), { responseCode: reply.code });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(refusal ? refusalError(refusal) : undefined);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (dataRefusal) return callback(refusalError(dataRefusal));
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return {
    messages,
    transport,
    refuse: (next) => {
      refusal = next;
    },
    refuseData: (next) => {
      dataRefusal = next;
    },
    close: async () => {
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
