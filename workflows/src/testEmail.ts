import { proxyActivities } from '@temporalio/workflow';
import type { JourneyActivities, TestEmailInput } from './activities';

const { sendTestEmail } = proxyActivities<Pick<JourneyActivities, 'sendTestEmail'>>({
  startToCloseTimeout: '30s',
  // The marketer is waiting for an answer: a few quick tries, then the editor says what failed.
  retry: { initialInterval: '1s', maximumAttempts: 3 },
});

/** Sends one test email from the template editor through the worker. */
export async function testEmail(input: TestEmailInput): Promise<{ messageId: string }> {
  return sendTestEmail(input);
}
