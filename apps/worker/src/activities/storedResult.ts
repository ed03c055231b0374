import { getDelivery, markDeliveryUncertain, type Db, type Delivery } from '@lifecycle/db';
import type { SendEmailResult } from '@lifecycle/workflows/activities';
import { z } from 'zod';

export const SkipReason = z.enum(['unsubscribed', 'suppressed', 'no_email', 'customer_missing', 'global_control', 'topic_unsubscribed', 'frequency_capped']);
export type SkipReason = z.infer<typeof SkipReason>;

const CRASHED_WHILE_SENDING =
  'the worker stopped while the SMTP server was receiving this message; it was not sent again, to avoid a duplicate';

/**
 * What a retry returns for a delivery an earlier attempt got to; null while it is `pending` (nothing can have
 * reached the server, so sending is safe). A `sending` one was being handed over when that attempt died: it is
 * recorded as uncertain rather than sent a second time.
 */
export async function storedResult(db: Db, delivery: Delivery): Promise<SendEmailResult | null> {
  switch (delivery.status) {
    case 'pending':
      return null;
    case 'sending': {
      // Not `sending` any more means another attempt settled it meanwhile: return what it recorded.
      const now = (await markDeliveryUncertain(db, delivery.id, CRASHED_WHILE_SENDING)) ?? await getDelivery(db, delivery.id);
      return now ? await storedResult(db, now) : { status: 'uncertain', deliveryId: delivery.id, reason: CRASHED_WHILE_SENDING };
    }
    case 'uncertain':
      return { status: 'uncertain', deliveryId: delivery.id, reason: delivery.error ?? CRASHED_WHILE_SENDING };
    case 'sent':
      return {
        status: 'sent',
        deliveryId: delivery.id,
        messageId: delivery.messageId,
        to: delivery.to ?? '',
        subject: delivery.subject ?? '',
      };
    case 'skipped': {
      const reason = SkipReason.safeParse(delivery.error);
      return { status: 'skipped', deliveryId: delivery.id, reason: reason.success ? reason.data : 'customer_missing' };
    }
    case 'failed':
      return { status: 'failed', deliveryId: delivery.id, reason: delivery.error ?? 'failed' };
    default: {
      const unknown: never = delivery.status;
      throw new Error(`unknown delivery status ${String(unknown)}`);
    }
  }
}
