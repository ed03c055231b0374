import { markDeliveryFailed, markDeliverySending, markDeliverySent, markDeliveryUncertain, releaseDelivery } from '@lifecycle/db';
import type { SendEmailResult } from '@lifecycle/workflows/activities';
import type { ComposedMessage } from './composeMessage';
import { noteDelivered, noteSmtpFailure } from './addressHealth';
import { crashAfterSendIfAsked } from './crashFault';
import type { ResolvedDeps } from './deps';
import { handOverStream } from './handOverStream';
import { sendMessage } from './smtpSend';
import { permanentSmtpFailure } from './smtpFailure';

const NO_ANSWER =
  'the connection broke while the SMTP server was receiving this message, before it answered; it was not sent again, to avoid a duplicate';

export interface Outgoing {
  deliveryId: string;
  messageId: string;
  to: string;
  subject: string;
  message: ComposedMessage;
}

/**
 * Hands a pending delivery to the SMTP server in two phases. The row turns `sending` (committed) the moment the
 * server, having accepted the envelope, starts reading the message; until then a failure leaves it `pending` and
 * throws so a retry sends. After it: a 4xx at the end of DATA puts it back to pending and throws, a 5xx fails it,
 * an answer that never comes makes it uncertain, and a crash leaves `sending` for the retry to find.
 */
export async function deliver({ db, transport, clock }: ResolvedDeps, out: Outgoing): Promise<SendEmailResult> {
  let handedOver = false;
  // A fresh stream each time the pool asks (it asks again only for a message it has not read); a second stream of a
  // message already handed over refuses to start, as the delivery is no longer pending.
  const openMessage = () => handOverStream(out.message.bytes, async () => {
    const sending = await markDeliverySending(db, out.deliveryId, { to: out.to, subject: out.subject, at: clock().toISOString() });
    if (!sending) throw new Error(`delivery ${out.deliveryId} is no longer pending: another attempt is sending it`);
    handedOver = true;
  });
  try {
    await sendMessage(transport, out.message.envelope, out.messageId, openMessage);
  } catch (error) {
    // A refusal of this address suppresses it (5xx) or counts toward doing so (4xx); see addressHealth.
    await noteSmtpFailure(db, out, error);
    const permanent = permanentSmtpFailure(error);
    if (permanent) {
      await markDeliveryFailed(db, out.deliveryId, permanent);
      return { status: 'failed', deliveryId: out.deliveryId, reason: permanent };
    }
    if (!handedOver) throw error;
    if (hasResponseCode(error)) {
      await releaseDelivery(db, out.deliveryId);
      throw error;
    }
    await markDeliveryUncertain(db, out.deliveryId, NO_ANSWER);
    return { status: 'uncertain', deliveryId: out.deliveryId, reason: NO_ANSWER };
  }
  await markDeliverySent(db, out.deliveryId, { to: out.to, subject: out.subject, sentAt: clock().toISOString() });
  await noteDelivered(db, out.to);
  crashAfterSendIfAsked(out.deliveryId);
  return { status: 'sent', deliveryId: out.deliveryId, messageId: out.messageId, to: out.to, subject: out.subject };
}

/** The server answered (a 4xx once the message was read is its reply at the end of DATA: it did not take it). */
function hasResponseCode(error: unknown): boolean {
  return typeof (error as { responseCode?: unknown } | null)?.responseCode === 'number';
}
