import { clearSoftFailures, recordSoftFailure, suppressAddress, type Db } from '@lifecycle/db';
import { addressRefusal } from './smtpFailure';

/** Who the suppression list names for what the SMTP server said. */
const SYSTEM = 'system';

/**
 * What a failed SMTP attempt means for the address: a permanent refusal of it suppresses it (reason: the reply), a
 * temporary one counts toward the soft-failure threshold — once per delivery, however often Temporal retries it.
 */
export async function noteSmtpFailure(db: Db, delivery: { deliveryId: string; to: string }, error: unknown): Promise<void> {
  const refusal = addressRefusal(error);
  if (!refusal) return;
  if (refusal.permanent) {
    await suppressAddress(db, { address: delivery.to, reason: refusal.reply, source: 'smtp_hard', detail: `delivery ${delivery.deliveryId}`, createdBy: SYSTEM });
    return;
  }
  await recordSoftFailure(db, { address: delivery.to, key: `delivery:${delivery.deliveryId}`, reason: refusal.reply, source: 'smtp_soft', createdBy: SYSTEM });
}

/** A delivery to the address went through: soft failures count "in a row", so they start again from zero. */
export async function noteDelivered(db: Db, to: string): Promise<void> {
  await clearSoftFailures(db, to);
}
