import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Each survey answer in each of its chains (migration 0037, kept by triggers on survey_answers): `scope` '*' (all the
 * customer's answers of the kind), 'j:<journey>' ('j:' = no journey) or 'v:<survey>', with the day of the next answer
 * in the same chain (`nextDay`, '~' when none). An answer is the customer's latest in [from, to) when its day is in the
 * range and its next day is not before `to`. `class`: p promoter/satisfied, n passive/neutral, d detractor/unsatisfied.
 */
export const surveyAnswerLinks = sqliteTable(
  'survey_answer_links',
  {
    customerId: text('customer_id').notNull(),
    kind: text('kind', { enum: ['nps', 'csat'] }).notNull(),
    scope: text('scope').notNull(),
    survey: text('survey').notNull(),
    day: text('day').notNull(),
    nextDay: text('next_day').notNull(),
    stage: text('stage').notNull(),
    journeyId: text('journey_id').notNull(),
    class: text('class', { enum: ['p', 'n', 'd'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.kind, t.scope, t.survey] })],
);

/** The links counted per filter key (journeysFilterKey.ts), so a figure sums a few thousand day cells. */
export const surveyScoreDays = sqliteTable(
  'survey_score_days',
  {
    filterKey: text('filter_key').notNull(),
    kind: text('kind', { enum: ['nps', 'csat'] }).notNull(),
    scope: text('scope').notNull(),
    day: text('day').notNull(),
    nextDay: text('next_day').notNull(),
    stage: text('stage').notNull(),
    journeyId: text('journey_id').notNull(),
    class: text('class', { enum: ['p', 'n', 'd'] }).notNull(),
    answers: integer('answers').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.filterKey, t.kind, t.scope, t.day, t.nextDay, t.stage, t.journeyId, t.class] })],
);

/** Answers per survey and the newest answer's time (the survey picker). */
export const surveyNameCounts = sqliteTable(
  'survey_name_counts',
  {
    survey: text('survey').notNull(),
    kind: text('kind', { enum: ['nps', 'csat'] }).notNull(),
    answers: integer('answers').notNull().default(0),
    lastAnsweredAt: text('last_answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.survey, t.kind] })],
);
