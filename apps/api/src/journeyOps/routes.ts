import { getJourney, getJourneyVersion } from '@lifecycle/db';
import { InFlightPolicy, JourneyGraph } from '@lifecycle/journey';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../appContext';
import type { PublishedVersion } from '../services/publishHooks';
import { HttpError, notFound } from '../errors';
import { IdParams } from '../routes/params';
import { route } from '../routes/route';
import { audit } from '../services/audit';
import { actionDeps, actorName } from './context';
import { publishableDraft } from './publishableDraft';
import { applyInFlightPolicy } from './inFlight';
import { checkMappings, planMigration } from './migrationPlan';
import { operationsState, pauseJourney, resumeJourneyRuns, stopJourney, stopPreview } from './pause';
import { InFlightReport, MigrationPlan, OperationsState, PauseAnswer, PauseMode, StopAnswer, StopPreview } from './responses';

const tag = 'journeys';
const PauseBody = z.object({ runs: PauseMode.describe('`continue`: runs in flight carry on; `hold`: each stops before its next step until resumed') });
const StopBody = z.object({ confirm: z.number().int().min(0).describe('the count the preview showed; refused (409) when it has changed') });
const DryRunBody = z.object({
  mappings: z
    .array(z.object({ fromVersionId: z.string().min(1).max(200), nodes: z.record(z.string().max(200), z.string().max(200)) }))
    .max(100)
    .optional()
    .describe('the mapping to count; absent: nodes of the same id'),
  target: z.enum(['draft', 'live']).default('draft').describe('`draft`: before a publish (runs on every version); `live`: runs on versions older than the live one move to it'),
});

/** The journey's live version with its graph; 404 / 409 `not_published` otherwise. */
async function liveVersionOf(c: Context<AppEnv>, id: string): Promise<PublishedVersion> {
  const journey = await getJourney(c.var.deps.db, id);
  if (!journey) throw notFound('journey', id);
  const version = journey.liveVersionId ? await getJourneyVersion(c.var.deps.db, id, journey.liveVersionId) : undefined;
  const graph = version && JourneyGraph.safeParse(version.graph);
  if (!version || !graph?.success) throw new HttpError(409, 'not_published', 'the journey has no live version');
  return { journeyId: id, versionId: version.id, version: version.version, graph: graph.data };
}

/** Pause (continue or hold), resume, stop (after a count), and the in-flight policy's dry run. Audited. */
export const journeyOpsRoutes = [
  route({
    method: 'GET', path: '/api/journeys/:id/operations', role: 'viewer', tag, summary: 'Whether the journey is paused (and how) and how many runs are in flight', params: IdParams, ok: { status: 200, schema: OperationsState },
    handler: async (c, { params }) => c.json(await operationsState(actionDeps(c), params.id)),
  }),
  route({
    method: 'POST', path: '/api/journeys/:id/pause', role: 'marketer', tag, params: IdParams, body: PauseBody, ok: { status: 200, schema: PauseAnswer },
    summary: 'Pause: no new entries; runs in flight `continue` or `hold` before their next step (a signal to each)',
    handler: async (c, { params, body }) => {
      const result = await pauseJourney(actionDeps(c), params.id, body.runs, actorName(c));
      await audit(c, 'journey.pause', { type: 'journey', id: params.id }, { runs: body.runs, signalled: result.signals.signalled, failed: result.signals.failed.length });
      return c.json(result);
    },
  }),
  route({
    method: 'POST', path: '/api/journeys/:id/resume', role: 'marketer', tag, params: IdParams, ok: { status: 200, schema: PauseAnswer },
    summary: 'Resume: new entries again, held runs released (safe to repeat: it finishes a resume whose signals failed part-way)',
    handler: async (c, { params }) => {
      const result = await resumeJourneyRuns(actionDeps(c), params.id);
      await audit(c, 'journey.resume', { type: 'journey', id: params.id }, { signalled: result.signals.signalled, failed: result.signals.failed.length });
      return c.json(result);
    },
  }),
  route({
    method: 'GET', path: '/api/journeys/:id/stop', role: 'viewer', tag, summary: 'How many runs a stop would cancel', params: IdParams, ok: { status: 200, schema: StopPreview },
    handler: async (c, { params }) => c.json(await stopPreview(actionDeps(c), params.id)),
  }),
  route({
    method: 'POST', path: '/api/journeys/:id/stop', role: 'marketer', tag, params: IdParams, body: StopBody, ok: { status: 200, schema: StopAnswer },
    summary: 'Stop: no new entries, and every run in flight cancelled, if `confirm` is still their number (409 with the new count otherwise)',
    handler: async (c, { params, body }) => {
      const result = await stopJourney(actionDeps(c), params.id, body.confirm, actorName(c));
      await audit(c, 'journey.stop', { type: 'journey', id: params.id }, { count: result.count, requested: result.requested, markedCancelled: result.markedCancelled, failed: result.failed });
      return c.json(result);
    },
  }),
  route({
    method: 'POST', path: '/api/journeys/:id/migration/dry-run', role: 'viewer', tag, params: IdParams, body: DryRunBody, ok: { status: 200, schema: MigrationPlan },
    summary: 'Count who would land where if runs in flight moved to the draft (per older version, per waiting node); moves nothing. A mapping to a node the target lacks: 422 naming it',
    handler: async (c, { params, body }) => {
      if (!(await getJourney(c.var.deps.db, params.id))) throw notFound('journey', params.id);
      // A mapping to a node the target lacks is refused as publishing with it would be, not counted as staying.
      const target = body.target === 'draft' ? { graph: await publishableDraft(c.var.deps.db, params.id), versionId: null } : await liveVersionOf(c, params.id);
      if (body.mappings) checkMappings(target.graph, body.mappings, 'mappings');
      return c.json(await planMigration(c.var.deps.db, params.id, target.graph, target.versionId, body.mappings));
    },
  }),
  route({
    method: 'POST', path: '/api/journeys/:id/in-flight', role: 'marketer', tag, params: IdParams, body: InFlightPolicy, ok: { status: 200, schema: InFlightReport },
    summary: 'Apply an in-flight policy to runs on older versions against the live version (what publish does; repeat it to reach runs a publish could not)',
    handler: async (c, { params, body }) => {
      const report = await applyInFlightPolicy(actionDeps(c), await liveVersionOf(c, params.id), body, actorName(c), 'mappings');
      await audit(c, 'journey.in_flight', { type: 'journey', id: params.id }, { ...report, failed: report.failed.length });
      return c.json(report);
    },
  }),
];
