import { mailDomain } from '@lifecycle/messaging';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import { ApplicationFailure } from '@temporalio/common';
import { Readable } from 'node:stream';
import { composeMessage } from './composeMessage';
import type { ResolvedDeps } from './deps';
import { permanentSmtpFailure } from './smtpFailure';
import { sendMessage } from './smtpSend';

/** The failure type a test send ends with when the SMTP server refused it for good; the API answers 422 for it. */
export const TEST_SEND_REJECTED = 'smtp_rejected';

/** A template editor's test email: pre-rendered by the API, sent as is, marked as a test, tracked nowhere. */
export function makeSendTestEmail({ transport, config }: ResolvedDeps): JourneyActivities['sendTestEmail'] {
  return async ({ requestId, to, subject, html, text }) => {
    const messageId = `<test-${requestId}@${mailDomain(config.mailFrom)}>`;
    const { envelope, bytes } = await composeMessage({
      from: config.mailFrom,
      to,
      subject,
      html,
      ...(text ? { text } : {}),
      messageId,
      headers: { 'X-Lifecycle-Test': 'true' },
    });
    try {
      await sendMessage(transport, envelope, messageId, () => Readable.from([bytes]));
    } catch (error) {
      // A 5xx reply (e.g. "bad recipient address syntax") will not change on a retry: say so at once, not after three.
      const permanent = permanentSmtpFailure(error);
      if (permanent) throw ApplicationFailure.nonRetryable(permanent, TEST_SEND_REJECTED);
      throw error;
    }
    return { messageId };
  };
}
