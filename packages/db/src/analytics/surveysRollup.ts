import type { AnalyticsSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import type { AnalyticsEvent } from './rollupEvent';
import { preparedPerDb } from '../preparedPerDb';
import type { RawStatement } from '../access/rawStatement';

/** The event a survey answer is stored as (a click on a score link, or history sent through /v1/batch). */
export const SURVEY_ANSWERED = 'survey_answered';
/** Longest comment kept with an answer (characters); the thank-you page refuses longer ones. */
export const MAX_SURVEY_COMMENT = 2000;

// Mirrors the scales of @lifecycle/messaging's survey links (db does not import messaging): an event whose kind,
// survey or score is off the scale is stored as an event but is not an answer.
const SCALES = { nps: [0, 10], csat: [1, 5] } as const;
const SURVEY_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const MAX_ID = 200;

/** A `survey_answered` event's answer, or null when it is not a valid one. */
export function surveyAnswerOf(event: AnalyticsEvent) {
  if (event.name !== SURVEY_ANSWERED || (event.type !== 'track' && event.type !== 'internal')) return null;
  const { survey, kind, score, comment, deliveryId, journeyId } = event.properties;
  if (typeof survey !== 'string' || !SURVEY_NAME.test(survey) || (kind !== 'nps' && kind !== 'csat')) return null;
  const value = typeof score === 'string' && /^\d{1,2}$/.test(score) ? Number(score) : score;
  const [min, max] = SCALES[kind];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return null;
  const id = (x: unknown) => (typeof x === 'string' && x.length > 0 && x.length <= MAX_ID ? x : null);
  const text = typeof comment === 'string' && comment.trim() !== '' ? comment.trim().slice(0, MAX_SURVEY_COMMENT) : null;
  return { survey, kind, score: value, comment: text, deliveryId: id(deliveryId), journeyId: id(journeyId) };
}


// The latest answer by event time wins, so history backfilled late never replaces a newer answer. A new click keeps
// the comment only when the score is unchanged (the comment was about that score).
const upsertStatement = preparedPerDb(
  (db): RawStatement =>
    db.prepare(
      `INSERT INTO survey_answers (customer_id, survey, kind, score, comment, stage, delivery_id, journey_id, event_id, answered_at)
       VALUES (@customerId, @survey, @kind, @score, @comment,
         coalesce((SELECT to_stage FROM stage_history WHERE customer_id = @customerId AND at <= @at ORDER BY at DESC LIMIT 1),
                  (SELECT lifecycle_stage FROM customers WHERE id = @customerId)),
         @deliveryId, @journeyId, @eventId, @at)
       ON CONFLICT (customer_id, survey) DO UPDATE SET
         kind = excluded.kind, score = excluded.score, stage = excluded.stage, delivery_id = excluded.delivery_id,
         journey_id = excluded.journey_id, event_id = excluded.event_id, answered_at = excluded.answered_at,
         comment = CASE WHEN excluded.comment IS NOT NULL THEN excluded.comment WHEN excluded.score = survey_answers.score THEN survey_answers.comment END
       WHERE excluded.answered_at >= survey_answers.answered_at`,
    ),
);

/** Keeps the surveys rollups current as each event is stored (inside the ingest transaction). */
export async function recordSurveysEvent(db: Db, settings: AnalyticsSettings, event: AnalyticsEvent): Promise<void> {
  void settings;
  const answer = surveyAnswerOf(event);
  if (!answer) return;
  await upsertStatement(db).run({ ...answer, customerId: event.customerId, eventId: event.id, at: new Date(event.timestamp).toISOString() });
}
