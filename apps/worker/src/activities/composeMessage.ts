import type { MailMessage } from '@lifecycle/messaging';
import MailComposer from 'nodemailer/lib/mail-composer';

/** The message as the SMTP server will receive it, with the envelope taken from its headers. */
export interface ComposedMessage {
  envelope: { from: string; to: string[] };
  bytes: Buffer;
}

/** Builds the whole RFC 5322 message before any SMTP traffic, so the bytes handed to the server are fixed. */
export async function composeMessage(message: MailMessage): Promise<ComposedMessage> {
  const mime = new MailComposer(message).compile();
  const { from, to } = mime.getEnvelope();
  if (!from) throw new Error(`no sender address in "${message.from}"`);
  return { envelope: { from, to }, bytes: await mime.build() };
}
