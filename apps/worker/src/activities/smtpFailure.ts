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
