import { templateSendFigures } from '@lifecycle/db';
import { z } from 'zod';
import type { Route } from '../routes/route';
import { AnalyticsQuery, resolveRange } from './analyticsQuery';
import { analyticsRoutes } from './analyticsRoute';
import { JourneysSummary, journeysSummary } from './journeys/journeySummary';
import { NodeOverlay, nodeOverlay, SendRates, sendRates } from './journeys/nodeOverlay';

const NodesQuery = z.object({
  journey: z.string().min(1).max(200).describe('the journey id'),
  version: z.coerce.number().int().positive().optional().describe('the version number; the latest when neither this nor `versionId` is given'),
  versionId: z.string().min(1).max(200).optional().describe('the version id (instead of its number)'),
});

const TemplatesFigures = z.object({
  templates: z.array(SendRates.extend({ templateId: z.string(), templateName: z.string().nullable(), journeys: z.number().int() })),
}).describe('per template, across every journey that sent it');

const percent = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 100);

/** The journeys figures of the Analytics area (JSON and CSV). */
export const journeysAnalyticsRoutes: Route[] = [
  ...analyticsRoutes({
    path: '/api/analytics/journeys/summary',
    summary: 'Per journey and version: entered, in progress, completed, converted, conversion rate, median time to convert, revenue',
    query: AnalyticsQuery,
    schema: JourneysSummary,
    compute: async (c, query) => await journeysSummary(c.var.deps.db, resolveRange(query)),
    csv: (result) => ({
      columns: ['journey', 'journey_id', 'version', 'entered', 'in_progress', 'completed', 'failed_or_cancelled', 'converted', 'conversion_rate_percent', 'median_hours_to_convert', 'revenue'],
      rows: result.rows.map((row) => [row.journeyName, row.journeyId, row.version ?? 'all', row.entered, row.inProgress, row.completed, row.endedOtherwise, row.converted, percent(row.conversionRate), row.medianHoursToConvert, row.revenue]),
    }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/journeys/nodes',
    summary: "Per node of a journey version: reached, passed on, each exit's share; per send node its delivery figures",
    query: NodesQuery,
    schema: NodeOverlay,
    compute: async (c, query) => await nodeOverlay(c.var.deps.db, query.journey, query),
    csv: (result) => ({
      columns: ['node', 'reached', 'passed_on', 'exit', 'visits', 'share_percent'],
      rows: result.nodes.flatMap((node) =>
        node.exits.length === 0 ? [[node.nodeId, node.reached, node.passedOn, null, null, null]] : node.exits.map((exit) => [node.nodeId, node.reached, node.passedOn, exit.exit, exit.visits, percent(exit.share)]),
      ),
    }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/journeys/sends',
    summary: 'Per send node of a journey version: sent, delivered, failed, unique opens and clicks, unsubscribes, open and click rates',
    query: NodesQuery,
    schema: NodeOverlay,
    compute: async (c, query) => await nodeOverlay(c.var.deps.db, query.journey, query),
    csv: (result) => ({
      columns: ['node', 'template_id', 'sent', 'delivered', 'failed', 'skipped', 'unique_opens', 'unique_clicks', 'unsubscribes', 'open_rate_percent', 'click_rate_percent'],
      rows: result.sends.map((send) => [send.nodeId, send.templateId, send.sent, send.delivered, send.failed, send.skipped, send.uniqueOpens, send.uniqueClicks, send.unsubscribes, percent(send.openRate), percent(send.clickRate)]),
    }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/journeys/templates',
    summary: 'Per template across journeys: sent, delivered, unique opens and clicks, open and click rates',
    query: z.object({}),
    schema: TemplatesFigures,
    compute: async (c) => ({ templates: (await templateSendFigures(c.var.deps.db)).map((row) => ({ templateId: row.templateId, templateName: row.templateName, journeys: row.journeys, ...sendRates(row) })) }),
    csv: (result) => ({
      columns: ['template', 'template_id', 'journeys', 'sent', 'delivered', 'failed', 'unique_opens', 'unique_clicks', 'unsubscribes', 'open_rate_percent', 'click_rate_percent'],
      rows: result.templates.map((row) => [row.templateName, row.templateId, row.journeys, row.sent, row.delivered, row.failed, row.uniqueOpens, row.uniqueClicks, row.unsubscribes, percent(row.openRate), percent(row.clickRate)]),
    }),
  }),
];
