import { Hono } from 'hono';
import type { AppEnv } from '../appContext';
import { parseBody } from '../body';
import * as journeys from '../services/journeys';

/** Journey drafts, validation, publishing and versions. */
export const journeyRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.json({ journeys: journeys.listAll(c.var.deps.db) }))
  .post('/', async (c) => c.json(journeys.createJourney(c.var.deps.db, await parseBody(c, journeys.NewJourney)), 201))
  .get('/:id', (c) => c.json(journeys.findJourney(c.var.deps.db, c.req.param('id'))))
  .put('/:id', async (c) => c.json(journeys.saveJourney(c.var.deps.db, c.req.param('id'), await parseBody(c, journeys.JourneyChange))))
  .delete('/:id', (c) => {
    journeys.removeJourney(c.var.deps.db, c.req.param('id'));
    return c.body(null, 204);
  })
  .post('/:id/validate', (c) => {
    const result = journeys.validateSaved(c.var.deps.db, c.req.param('id'));
    return c.json({ ok: result.ok, problems: result.problems });
  })
  .post('/:id/publish', (c) => c.json(journeys.publish(c.var.deps.db, c.req.param('id')), 201))
  .get('/:id/versions', (c) => c.json({ versions: journeys.versionsOf(c.var.deps.db, c.req.param('id')) }))
  .get('/:id/versions/:versionId', (c) => c.json(journeys.findVersion(c.var.deps.db, c.req.param('id'), c.req.param('versionId'))));
