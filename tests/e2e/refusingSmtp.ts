import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { messageId: string; to: string; subject: string };

/**
 * A real SMTP server on loopback that answers `451 4.3.2` to every message while `refusing` is set (an outage, or
 * greylisting), and accepts and keeps them once it is cleared.
 */
export async function startRefusingSmtp() {
  const received: ReceivedMail[] = [];
  let refused = 0;
  const state = { refusing: true };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (!state.refusing) return callback();
      refused += 1;
      callback(Object.assign(new Error('4.3.2 Service temporarily unavailable, try again later'), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address).join(',');
          received.push({ messageId: mail.messageId ?? '', to, subject: mail.subject ?? '' });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refused: () => refused,
    recover: () => {
      state.refusing = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
