import { randomUUID } from 'node:crypto';
import type { AddressObject, ParsedMail } from 'mailparser';
import type { SMTPServerEnvelope } from 'smtp-server';

/** One message as the catcher's HTTP API returns it; header names are lower-case. */
export type CaughtMessage = {
  id: string;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  date: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  /** When this catcher's SMTP server accepted the message (ISO 8601, ms): the end of a send's path, for bench/endToEnd.ts. */
  receivedAt: string;
};

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const groups = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return groups.flatMap((group) => group.value.map((entry) => entry.address ?? '').filter(Boolean));
}

/** `Name <address>` without mailparser's quoting, so it reads like what the sender wrote. */
function sender(field: AddressObject | undefined, envelopeFrom: string): string {
  const first = field?.value[0];
  if (!first?.address) return field?.text ?? envelopeFrom;
  return first.name ? `${first.name} <${first.address}>` : first.address;
}

/** Raw header lines, unfolded; repeated headers (Received) are joined so none is lost. */
function headerMap(parsed: ParsedMail): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return headers;
}

/** Turns a parsed MIME message into the catcher's record; the envelope fills in when headers lack recipients. */
export function toCaughtMessage(parsed: ParsedMail, envelope: SMTPServerEnvelope): CaughtMessage {
  const headerTo = [...addresses(parsed.to), ...addresses(parsed.cc)];
  const envelopeTo = envelope.rcptTo.map((rcpt) => rcpt.address);
  const envelopeFrom = envelope.mailFrom ? envelope.mailFrom.address : '';
  return {
    id: randomUUID(),
    messageId: parsed.messageId ?? null,
    from: sender(parsed.from, envelopeFrom),
    to: headerTo.length > 0 ? headerTo : envelopeTo,
    subject: parsed.subject ?? '',
    date: (parsed.date ?? new Date()).toISOString(),
    html: typeof parsed.html === 'string' ? parsed.html : null,
    text: parsed.text ?? null,
    headers: headerMap(parsed),
    receivedAt: new Date().toISOString(),
  };
}
