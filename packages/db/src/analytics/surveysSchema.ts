import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Each customer's latest answer to each survey (a second click replaces the first: latest answer by event time
 * wins), kept current per `survey_answered` event, so NPS and CSAT by period are a grouped read of this table.
 * `stage` is the customer's lifecycle stage when they answered.
 */
export const surveyAnswers = sqliteTable(
  'survey_answers',
  {
    customerId: text('customer_id').notNull(),
    survey: text('survey').notNull(),
    kind: text('kind', { enum: ['nps', 'csat'] }).notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    stage: text('stage'),
    deliveryId: text('delivery_id'),
    journeyId: text('journey_id'),
    eventId: text('event_id').notNull(),
    answeredAt: text('answered_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.survey] }),
    index('survey_answers_kind_time').on(t.kind, t.answeredAt),
    index('survey_answers_customer_time').on(t.customerId, t.answeredAt),
    index('survey_answers_survey_time').on(t.survey, t.kind, t.answeredAt),
  ],
);

/** survey_answers once per filter key of the customer (journeysFilterKey.ts; migration 0030, kept by triggers). */
export const surveyAnswerRows = sqliteTable(
  'survey_answer_rows',
  {
    filterKey: text('filter_key').notNull(),
    customerId: text('customer_id').notNull(),
    survey: text('survey').notNull(),
    kind: text('kind', { enum: ['nps', 'csat'] }).notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    stage: text('stage'),
    deliveryId: text('delivery_id'),
    journeyId: text('journey_id'),
    answeredAt: text('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.survey, t.filterKey] }), index('survey_answer_rows_time').on(t.filterKey, t.kind, t.answeredAt)],
);
