import { IdParams } from '../routes/params';
import { route } from '../routes/route';
import { simulateJourney } from './simulate';
import { SimulationRequest, SimulationResult } from './simulationRequest';

/**
 * "Test this journey". A viewer may simulate: nothing is written or sent, and each simulation is bounded (virtual
 * horizon, steps, wall clock, concurrent simulations), so reading a journey's behaviour is as safe as reading it.
 */
export const simulatorRoutes = [
  route({
    method: 'POST',
    path: '/api/journeys/:id/simulate',
    role: 'viewer',
    tag: 'journeys',
    summary:
      'Simulate the saved draft (or `version`) for a stored customer or sample traits and a script of events, with time skipped: the path with its reasons and the rendered emails; nothing is sent or written',
    params: IdParams,
    body: SimulationRequest,
    ok: { status: 200, schema: SimulationResult },
    handler: async (c, { params, body }) => c.json(await simulateJourney(c.var.deps.db, params.id, body)),
  }),
];
