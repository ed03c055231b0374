/** Message options in the shape nodemailer's `sendMail` takes (this package has no transport). */
export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text?: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface MailParts {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string | null;
  /** With angle brackets, e.g. `<abc@lifecycle.local>`. */
  messageId: string;
  unsubscribeUrl: string;
}

/** Builds the message with RFC 8058 one-click unsubscribe headers. */
export function buildMailMessage(parts: MailParts): MailMessage {
  return {
    from: parts.from,
    to: parts.to,
    subject: parts.subject,
    html: parts.html,
    ...(parts.text === null ? {} : { text: parts.text }),
    messageId: parts.messageId,
    headers: {
      'List-Unsubscribe': `<${parts.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

/** The domain part of an address like `Lifecycle <hello@lifecycle.local>` (for Message-IDs). */
export function mailDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const domain = address.split('@')[1]?.trim();
  return domain && domain.length > 0 ? domain : 'localhost';
}
