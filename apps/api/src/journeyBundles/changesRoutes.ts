import { IdParams } from '../routes/params';
import { route } from '../routes/route';
import { JourneyChanges, journeyChanges } from './journeyChanges';

/** The publish review: what the saved draft changes against the live version. */
export const journeyChangesRoutes = [
  route({
    method: 'GET', path: '/api/journeys/:id/changes', role: 'viewer', tag: 'journeys', params: IdParams, ok: { status: 200, schema: JourneyChanges },
    summary: 'What publishing the saved draft would change against the live version: steps added, removed and changed (each field before → after), exits rewired, the goal',
    handler: async (c, { params }) => c.json(await journeyChanges(c.var.deps.db, params.id)),
  }),
];
