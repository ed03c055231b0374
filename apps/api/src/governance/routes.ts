import { getJourney, loadJourneySendPolicy, loadSendPolicy, saveJourneySendPolicy, saveSendPolicy, type Db } from '@lifecycle/db';
import { effectiveSendPolicy, INHERIT_SEND_POLICY, JourneySendPolicy, SendPolicy } from '@lifecycle/journey';
import { z } from 'zod';
import { notFound } from '../errors';
import { IdParams } from '../routes/params';
import { route } from '../routes/route';
import { audit } from '../services/audit';

const tag = 'sending';

/** A journey's send rules: its override, the workspace's defaults, and what its sends follow. */
export const JourneySendPolicyAnswer = z.object({
  journey: JourneySendPolicy.describe("the journey's override, rule by rule"),
  workspace: SendPolicy.describe("the workspace's defaults"),
  effective: SendPolicy.describe("what the journey's marketing sends follow (transactional sends are exempt)"),
});

async function journeyAnswer(db: Db, journeyId: string): Promise<z.infer<typeof JourneySendPolicyAnswer>> {
  const workspace = await loadSendPolicy(db);
  const journey = (await loadJourneySendPolicy(db, journeyId)) ?? INHERIT_SEND_POLICY;
  return { journey, workspace, effective: effectiveSendPolicy(workspace, journey) };
}

/** Frequency caps and quiet hours: the workspace's defaults (admins) and each journey's override (marketers). */
export const sendPolicyRoutes = [
  route({
    method: 'GET', path: '/api/workspace/sending', role: 'viewer', tag,
    summary: "The workspace's frequency cap and quiet hours for marketing email (transactional sends are exempt)",
    ok: { status: 200, schema: SendPolicy }, handler: async (c) => c.json(await loadSendPolicy(c.var.deps.db)),
  }),
  route({
    method: 'PUT', path: '/api/workspace/sending', role: 'admin', tag,
    summary: "Set the workspace's frequency cap and quiet hours (null turns a rule off); journeys follow them unless they override",
    body: SendPolicy, ok: { status: 200, schema: SendPolicy },
    handler: async (c, { body }) => {
      await saveSendPolicy(c.var.deps.db, body);
      await audit(c, 'workspace.sending.update', { type: 'workspace', id: 'default' }, body);
      return c.json(body);
    },
  }),
  route({
    method: 'GET', path: '/api/journeys/:id/sending', role: 'viewer', tag,
    summary: "A journey's frequency cap and quiet hours: its override, the workspace's defaults and what its sends follow",
    params: IdParams, ok: { status: 200, schema: JourneySendPolicyAnswer },
    handler: async (c, { params }) => {
      if (!(await getJourney(c.var.deps.db, params.id))) throw notFound('journey', params.id);
      return c.json(await journeyAnswer(c.var.deps.db, params.id));
    },
  }),
  route({
    method: 'PUT', path: '/api/journeys/:id/sending', role: 'marketer', tag,
    summary: "Override the workspace's frequency cap and quiet hours for one journey (`workspace`, `off` or `custom` per rule); runs in flight follow it from their next send",
    params: IdParams, body: JourneySendPolicy, ok: { status: 200, schema: JourneySendPolicyAnswer },
    handler: async (c, { params, body }) => {
      if (!(await getJourney(c.var.deps.db, params.id))) throw notFound('journey', params.id);
      await saveJourneySendPolicy(c.var.deps.db, params.id, body);
      await audit(c, 'journey.sending.update', { type: 'journey', id: params.id }, body);
      return c.json(await journeyAnswer(c.var.deps.db, params.id));
    },
  }),
];
