import { surveyNames } from '@lifecycle/db';
import { z } from 'zod';
import { IdParams } from '../routes/params';
import { route, type Route } from '../routes/route';
import { resolveCustomer } from '../services/resolveCustomer';
import { analyticsRoutes } from './analyticsRoute';
import { surveyLinkRoutes } from './surveyLinks';
import { customerSurveyAnswers, SurveyScore, SurveysQuery, surveyAnswerList, surveyBreakdown, surveyScores } from './surveys/surveyFigures';

const SurveyAnswer = z.object({
  customerId: z.string(),
  survey: z.string(),
  kind: z.enum(['nps', 'csat']),
  score: z.number().int(),
  comment: z.string().nullable(),
  stage: z.string().nullable().describe('the customer’s lifecycle stage when they answered'),
  deliveryId: z.string().nullable(),
  journeyId: z.string().nullable(),
  answeredAt: z.string(),
});
const SurveyAnswers = z.object({ answers: z.array(SurveyAnswer) });

const SurveyScores = z.object({
  kind: z.enum(['nps', 'csat']),
  interval: z.enum(['day', 'week', 'month']),
  total: SurveyScore,
  periods: z.array(SurveyScore.extend({ period: z.string().describe('first day of the period (UTC)') })),
});
const BreakdownQuery = SurveysQuery.extend({ by: z.enum(['stage', 'journey', 'segment']).default('stage').describe('stage when answering, journey that sent the survey, or segment (now)') });
const SurveyBreakdown = z.object({
  kind: z.enum(['nps', 'csat']),
  by: z.enum(['stage', 'journey', 'segment']),
  rows: z.array(SurveyScore.extend({ key: z.string().nullable().describe('stage, journey id or segment id; null: none'), label: z.string().nullable() })),
});
const AnswersQuery = SurveysQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  comments: z.enum(['true', 'false']).default('false').transform((value) => value === 'true').describe('only answers with a comment'),
});
const scoreColumns = ['answers', 'positive', 'neutral', 'negative', 'score'];
const scoreCells = (row: SurveyScore) => [row.answers, row.positive, row.neutral, row.negative, row.score];

/** The surveys figures of the Analytics area (JSON and CSV), a customer's answers, and the public survey links. */
export const surveysAnalyticsRoutes: Route[] = [
  ...analyticsRoutes({
    path: '/api/analytics/surveys/scores', summary: 'NPS or CSAT per period and over the range (each customer’s latest answer in the period)', query: SurveysQuery, schema: SurveyScores,
    compute: async (c, query) => await surveyScores(c.var.deps.db, query),
    csv: (result) => ({ columns: ['period', ...scoreColumns], rows: result.periods.map((row) => [row.period, ...scoreCells(row)]) }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/surveys/breakdown', summary: 'NPS or CSAT by stage (when answering), journey or segment over the range', query: BreakdownQuery, schema: SurveyBreakdown,
    compute: async (c, query) => await surveyBreakdown(c.var.deps.db, query),
    csv: (result) => ({ columns: [result.by, 'name', ...scoreColumns], rows: result.rows.map((row) => [row.key, row.label, ...scoreCells(row)]) }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/surveys/answers', summary: 'The latest survey answers in the range, newest first, with comments', query: AnswersQuery, schema: SurveyAnswers,
    compute: async (c, query) => await surveyAnswerList(c.var.deps.db, query),
    csv: (result) => ({
      columns: ['answered_at', 'customer', 'survey', 'kind', 'score', 'comment', 'stage', 'journey', 'delivery'],
      rows: result.answers.map((a) => [a.answeredAt, a.customerId, a.survey, a.kind, a.score, a.comment, a.stage, a.journeyId, a.deliveryId]),
    }),
  }),
  route({
    method: 'GET', path: '/api/analytics/surveys/names', role: 'viewer', tag: 'analytics', summary: 'The surveys answered so far (the survey picker)',
    ok: { status: 200, schema: z.object({ surveys: z.array(z.object({ survey: z.string(), kind: z.enum(['nps', 'csat']), answers: z.number().int(), lastAnsweredAt: z.string() })) }) },
    handler: async (c) => c.json({ surveys: await surveyNames(c.var.deps.db) }),
  }),
  route({
    method: 'GET', path: '/api/customers/:id/surveys', role: 'viewer', tag: 'customers', summary: "A customer's survey answers (their latest to each survey), newest first", params: IdParams,
    ok: { status: 200, schema: SurveyAnswers },
    handler: async (c, { params }) => c.json({ answers: await customerSurveyAnswers(c.var.deps.db, (await resolveCustomer(c.var.deps.db, params.id)).id) }),
  }),
  ...surveyLinkRoutes,
];
