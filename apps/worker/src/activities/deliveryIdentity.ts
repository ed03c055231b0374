import { createHash } from 'node:crypto';
import { mailDomain } from '@lifecycle/messaging';

/** The ids of the one email a run's send node may send, all derived from (workflowId, nodeId) so retries agree. */
export function deliveryIdentity(workflowId: string, nodeId: string, mailFrom: string) {
  const deliveryId = createHash('sha256').update(`${workflowId}\0${nodeId}`).digest('hex').slice(0, 24);
  return { deliveryId, idempotencyKey: `${workflowId}/${nodeId}`, messageId: `<${deliveryId}@${mailDomain(mailFrom)}>` };
}
