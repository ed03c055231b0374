import type { BounceNotice } from '@lifecycle/db';
import type { z } from 'zod';
import { HttpError, invalidRequest } from '../errors';
import { fromGeneric, GenericNotice, GenericNoticeList } from './genericNotices';
import { fromPostmark, isPostmarkNotice, PostmarkNotice } from './postmarkNotices';
import { fromSendGrid, isSendGridEvent, SendGridEvent } from './sendgridNotices';
import { fromSes, isSesMessage, isSnsEnvelope, SesMessage, SnsEnvelope } from './sesNotices';

/** A webhook body read: notices to apply (and how many items were about something else), or an SNS handshake. */
export type ReadNotices = { kind: 'notices'; notices: BounceNotice[]; ignored: number } | { kind: 'sns_subscription'; envelope: SnsEnvelope };

type Mapped = { notices: BounceNotice[]; ignored: number };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses with `schema`, refusing with 400 naming the field (under `prefix`) otherwise. */
function parsed<S extends z.ZodType>(schema: S, value: unknown, prefix: readonly PropertyKey[] = []): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(result.error, prefix, value);
  return result.data;
}

function merge(parts: Mapped[]): Mapped {
  return { notices: parts.flatMap((part) => part.notices), ignored: parts.reduce((sum, part) => sum + part.ignored, 0) };
}

function fromSns(body: unknown): ReadNotices {
  const envelope = parsed(SnsEnvelope, body);
  if (envelope.Type !== 'Notification') return { kind: 'sns_subscription', envelope };
  let message: unknown;
  try {
    message = JSON.parse(envelope.Message);
  } catch {
    throw new HttpError(400, 'invalid_request', 'Message: is not the JSON of an Amazon SES notification', { issues: [{ path: 'Message', message: 'is not JSON' }] });
  }
  return { kind: 'notices', ...fromSes(parsed(SesMessage, message, ['Message']), envelope.MessageId) };
}

/**
 * Tells the shape of a bounce webhook body and reads it: the generic shape (one notice or a list), an Amazon SES
 * notification (in its SNS envelope or raw), a Postmark bounce or spam complaint, or a SendGrid event list.
 */
export function readNotices(body: unknown): ReadNotices {
  if (Array.isArray(body)) {
    if (body.length > 0 && body.every(isSendGridEvent)) {
      if (body.length > 1000) throw new HttpError(400, 'invalid_request', 'at most 1000 events a request');
      return { kind: 'notices', ...merge(body.map((event, index) => fromSendGrid(parsed(SendGridEvent, event, [index])))) };
    }
    return { kind: 'notices', notices: parsed(GenericNoticeList, body).map(fromGeneric), ignored: 0 };
  }
  if (!isObject(body)) throw new HttpError(400, 'invalid_request', 'the body must be a JSON object or a list of notices');
  if (isSnsEnvelope(body)) return fromSns(body);
  if (isSesMessage(body)) return { kind: 'notices', ...fromSes(parsed(SesMessage, body), 'raw') };
  if (isPostmarkNotice(body)) return { kind: 'notices', ...fromPostmark(parsed(PostmarkNotice, body)) };
  return { kind: 'notices', notices: [fromGeneric(parsed(GenericNotice, body))], ignored: 0 };
}
