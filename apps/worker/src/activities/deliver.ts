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
 * server, having accepted the envelope, starts reading the message, and before its first byte leaves; until that
 * byte leaves a failure leaves it `pending` (putting it back when the connection broke while `sending` was being
 * stored) and throws so a retry sends. After it: a 4xx at the end of DATA puts it back to pending and throws, a 5xx
 * fails it, an answer that never comes makes it uncertain, and a crash leaves `sending` for the retry to find.
 */
export async function deliver({ db, transport, clock }: ResolvedDeps, out: Outgoing): Promise<SendEmailResult> {
  // This attempt turned the row `sending`; then gave the connection the message's first byte.
  let marked = false;
  let handedOver = false;
  // Each first read's write of `sending`: the connection may break while one still waits for the database.
  const firstReads: Promise<void>[] = [];
  const markSending = async () => {
    const sending = await markDeliverySending(db, out.deliveryId, { to: out.to, subject: out.subject, at: clock().toISOString() });
    if (!sending) throw new Error(`delivery ${out.deliveryId} is no longer pending: another attempt is sending it`);
    marked = true;
  };
  // A fresh stream each time the pool asks (it asks again only for a message it has not read); a second stream of a
  // message already handed over refuses to start, as the delivery is no longer pending.
  const openMessage = () =>
    handOverStream(
      out.message.bytes,
      () => {
        const read = markSending();
        firstReads.push(read);
        return read;
      },
      () => {
        handedOver = true;
      },
    );
  try {
    await sendMessage(transport, out.message.envelope, out.messageId, openMessage);
  } catch (error) {
    // Let a first read still storing `sending` finish, so the row is as it stays (its own refusal, if any, is what
    // failed the stream, so already in `error`); the stream it was for is closed: it hands nothing over now.
    await Promise.allSettled(firstReads);
    // A refusal of this address suppresses it (5xx) or counts toward doing so (4xx); see addressHealth.
    await noteSmtpFailure(db, out, error);
    const permanent = permanentSmtpFailure(error);
    if (permanent) {
      await markDeliveryFailed(db, out.deliveryId, permanent);
      return { status: 'failed', deliveryId: out.deliveryId, reason: permanent };
    }
    if (!handedOver) {
      // Not a byte reached the server: a row this attempt marked `sending` goes back to pending, so the retry sends
      // it (left `sending`, the retry would record it as uncertain and never send it).
      if (marked) await releaseDelivery(db, out.deliveryId);
      throw error;
    }
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
