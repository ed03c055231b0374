/**
 * A permanent SMTP rejection (a 5xx reply, e.g. an unknown recipient) is returned as a failed delivery;
 * anything else (4xx greylisting, refused or dropped connections, timeouts) is thrown so Temporal retries.
 */
export function permanentSmtpFailure(error: unknown): string | null {
  const responseCode = (error as { responseCode?: unknown } | null)?.responseCode;
  if (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600) {
    const message = error instanceof Error ? error.message : String(error);
    return `smtp_rejected: ${message}`;
  }
  return null;
}

/** An SMTP reply that refused one recipient's message, as the suppression list judges it. */
export type AddressRefusal = { permanent: boolean; reply: string };

type SmtpError = { responseCode?: unknown; response?: unknown; command?: unknown; code?: unknown; message?: unknown };

/** `5.1.1` in `550 5.1.1 <a@b>: no such user`: the enhanced status code, when the server gave one. */
function enhancedStatus(reply: string): { subject: number } | null {
  const match = /^\d{3}[ -]([245])\.(\d{1,3})\.\d{1,3}\b/.exec(reply);
  return match ? { subject: Number(match[2]) } : null;
}

/**
 * The reply, when it says something about this recipient's address rather than about the relay, the sender or the
 * content: a reply whose enhanced code is about the address (x.1.x) or the mailbox (x.2.x), at RCPT TO or at the end
 * of DATA; without an enhanced code, any 4xx/5xx to RCPT TO. Not: 421 (the server closing), policy codes (x.7.x, e.g.
 * "relay access denied"), MAIL FROM or AUTH refusals, connection errors, timeouts: failures of the relay or the
 * sender, and counting them would suppress every address in an outage or after a misconfiguration.
 */
export function addressRefusal(error: unknown): AddressRefusal | null {
  const { responseCode, response, command, message } = (error ?? {}) as SmtpError;
  if (typeof responseCode !== 'number' || responseCode < 400 || responseCode >= 600 || responseCode === 421) return null;
  if (command !== 'RCPT TO' && command !== 'DATA') return null;
  const reply = typeof response === 'string' && response ? response : typeof message === 'string' ? message : String(responseCode);
  const status = enhancedStatus(reply);
  const aboutAddress = status ? status.subject === 1 || status.subject === 2 : command === 'RCPT TO';
  return aboutAddress ? { permanent: responseCode >= 500, reply } : null;
}
