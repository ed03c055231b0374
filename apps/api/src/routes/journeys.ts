import { z } from 'zod';
import { audit } from '../services/audit';
import { removeJourney } from '../services/journeyDelete';
import * as journeys from '../services/journeys';
import { IdParams } from './params';
import { route } from './route';
import { DraftValidation, Journey, JourneyList, JourneyVersion, JourneyWithVersions, VersionList } from '../responses/journeys';
import { JourneyOverview } from '../responses/lists';
import { JourneyGraph, PublishRequest } from '@lifecycle/journey';
import { applyInFlightPolicy } from '../journeyOps/inFlight';
import { checkMappings } from '../journeyOps/migrationPlan';
import { publishableDraft } from '../journeyOps/publishableDraft';
import { PublishedWithPolicy } from '../journeyOps/responses';
import { actionDeps, actorName } from '../journeyOps/context';

const tag = 'journeys';
const DeleteJourneyQuery = z.object({
  cancelRuns: z.enum(['true', 'false']).optional().describe('true: cancel the runs in flight (the customers leave the journey), then delete'),
});
const ArchiveBody = z.object({ archived: z.boolean().describe('true: archive; false: bring it back as it was') });
const VersionParams = z.object({ id: z.string().min(1).max(200), versionId: z.string().min(1).max(200) });

/** Journey drafts, validation, publishing and versions. */
export const journeyRoutes = [
  route({ method: 'GET', path: '/api/journeys', role: 'viewer', tag, summary: 'List journeys', ok: { status: 200, schema: JourneyList }, handler: async (c) => c.json({ journeys: await journeys.listAll(c.var.deps.db) }) }),
  route({
    method: 'POST', path: '/api/journeys', role: 'marketer', tag, summary: 'Create a journey (draft)', body: journeys.NewJourney, ok: { status: 201, schema: Journey },
    handler: async (c, { body }) => {
      const journey = await journeys.createJourney(c.var.deps.db, body);
      await audit(c, 'journey.create', { type: 'journey', id: journey.id }, { name: journey.name });
      return c.json(journey, 201);
    },
  }),
  // Before `/api/journeys/:id`, which would otherwise take `overview` for an id.
  route({
    method: 'GET', path: '/api/journeys/overview', role: 'viewer', tag, query: journeys.JourneyOverviewQuery, ok: { status: 200, schema: JourneyOverview },
    summary: 'The journeys list: search by name, filter by status (archived ones only under `archived`), runs in progress and converted per journey',
    handler: async (c, { query }) => c.json(await journeys.overview(c.var.deps.db, query)),
  }),
  route({
    method: 'POST', path: '/api/journeys/:id/duplicate', role: 'marketer', tag, summary: 'Copy a journey as a new draft "Copy of …" (same graph, goal and stage)', params: IdParams, ok: { status: 201, schema: Journey },
    handler: async (c, { params }) => {
      const copy = await journeys.duplicateJourney(c.var.deps.db, params.id);
      await audit(c, 'journey.duplicate', { type: 'journey', id: copy.id }, { from: params.id, name: copy.name });
      return c.json(copy, 201);
    },
  }),
  route({
    method: 'POST', path: '/api/journeys/:id/archive', role: 'marketer', tag, params: IdParams, body: ArchiveBody, ok: { status: 200, schema: Journey },
    summary: 'Archive a journey (hidden from the default list, no new entries; runs in flight carry on) or unarchive it',
    handler: async (c, { params, body }) => {
      const journey = await journeys.archiveJourney(c.var.deps.db, params.id, body.archived);
      await audit(c, body.archived ? 'journey.archive' : 'journey.unarchive', { type: 'journey', id: params.id }, { name: journey.name });
      return c.json(journey);
    },
  }),
  route({ method: 'GET', path: '/api/journeys/:id', role: 'viewer', tag, summary: 'A journey with its draft and versions', params: IdParams, ok: { status: 200, schema: JourneyWithVersions }, handler: async (c, { params }) => c.json(await journeys.findJourney(c.var.deps.db, params.id)) }),
  route({
    method: 'PUT', path: '/api/journeys/:id', role: 'marketer', tag, summary: 'Save the draft (and name/stage)', params: IdParams, body: journeys.JourneyChange, ok: { status: 200, schema: Journey },
    handler: async (c, { params, body }) => {
      const journey = await journeys.saveJourney(c.var.deps.db, params.id, body);
      await audit(c, 'journey.update', { type: 'journey', id: params.id }, { fields: Object.keys(body) });
      return c.json(journey);
    },
  }),
  route({
    method: 'DELETE', path: '/api/journeys/:id', role: 'marketer', tag,
    summary: 'Delete a journey: 409 with `runsInFlight` while it has runs in flight, unless `cancelRuns=true` cancels them first',
    params: IdParams, query: DeleteJourneyQuery, ok: { status: 204 },
    handler: async (c, { params, query }) => {
      const { deps } = c.var;
      const actionDeps = { db: deps.db, temporal: deps.temporal, timeScale: deps.config.journeyTimeScale };
      const { journey, cancelledRuns } = await removeJourney(actionDeps, params.id, { cancelRuns: query.cancelRuns === 'true' });
      await audit(c, 'journey.delete', { type: 'journey', id: params.id }, { name: journey.name, cancelledRuns });
      return c.body(null, 204);
    },
  }),
  route({
    method: 'POST', path: '/api/journeys/:id/validate', role: 'viewer', tag, summary: 'Validate the saved draft', params: IdParams, ok: { status: 200, schema: DraftValidation },
    handler: async (c, { params }) => {
      const result = await journeys.validateSaved(c.var.deps.db, params.id);
      return c.json({ ok: result.ok, problems: result.problems });
    },
  }),
  route({
    method: 'POST', path: '/api/journeys/:id/publish', role: 'marketer', tag, params: IdParams, body: PublishRequest, ok: { status: 201, schema: PublishedWithPolicy },
    summary: 'Publish the draft as the next live version; `inFlight` says what runs on older versions do (keep, migrate by a node mapping, exit; absent: keep)',
    handler: async (c, { params, body }) => {
      // A mapping to a node the draft lacks is refused before anything is published.
      if (body.inFlight.policy === 'migrate') checkMappings(await publishableDraft(c.var.deps.db, params.id), body.inFlight.mappings);
      const version = await journeys.publish(c.var.deps.db, params.id);
      const graph = JourneyGraph.parse(version.graph);
      const inFlight = await applyInFlightPolicy(actionDeps(c), { journeyId: params.id, versionId: version.id, version: version.version, graph }, body.inFlight, actorName(c));
      await audit(c, 'journey.publish', { type: 'journey', id: params.id }, { versionId: version.id, version: version.version, inFlight: { ...inFlight, failed: inFlight.failed.length } });
      return c.json({ ...version, inFlight }, 201);
    },
  }),
  route({ method: 'GET', path: '/api/journeys/:id/versions', role: 'viewer', tag, summary: 'Versions of a journey', params: IdParams, ok: { status: 200, schema: VersionList }, handler: async (c, { params }) => c.json({ versions: await journeys.versionsOf(c.var.deps.db, params.id) }) }),
  route({
    method: 'GET', path: '/api/journeys/:id/versions/:versionId', role: 'viewer', tag, summary: 'One frozen version', params: VersionParams, ok: { status: 200, schema: JourneyVersion },
    handler: async (c, { params }) => c.json(await journeys.findVersion(c.var.deps.db, params.id, params.versionId)),
  }),
];
