import { outboundCalls, putSecret } from '@lifecycle/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyWorkflowBundle } from '../../../../tests/support/workflowBundle';
import { testApp, type TestApp } from '../testing/testApp';
import { useSimulationBundle } from './simulationRuntime';

let t: TestApp;

beforeAll(async () => {
  useSimulationBundle(journeyWorkflowBundle());
  t = testApp();
  await putSecret(t.db, { name: 'CRM_TOKEN', value: 'real-token-never-shown', by: 'test', deploymentSecret: t.config.trackingSecret });
});
afterAll(async () => {
  await t.close();
});

const draft = {
  nodes: [
    { id: 'trigger', type: 'trigger', event: 'health_dropped', reentry: { policy: 'once' } },
    {
      id: 'call_crm',
      type: 'webhook',
      method: 'POST',
      url: 'https://crm.example.com/hook',
      headers: [{ name: 'Authorization', value: 'Bearer {{ secrets.CRM_TOKEN }}' }],
      body: '{"email": {{ customer.email | json }}, "score": {{ event.score }}}',
      saveTraits: [{ answerPath: 'owner', trait: 'account_owner_email' }],
    },
    { id: 'tell_owner', type: 'notify_team', recipient: { kind: 'trait', trait: 'account_owner_email' }, label: 'Health dropped' },
    { id: 'done', type: 'exit' },
    { id: 'gave_up', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'call_crm' },
    { id: 'e2', source: 'call_crm', sourceExit: 'succeeded', target: 'tell_owner' },
    { id: 'e3', source: 'call_crm', sourceExit: 'failed', target: 'gave_up' },
    { id: 'e4', source: 'tell_owner', sourceExit: 'next', target: 'done' },
  ],
};

describe('simulating webhook and notify-the-team steps', () => {
  // Two simulations, each on a fresh time-skipping server: minutes on a loaded machine.
  it('records what would be sent (secrets by name), calls nothing, and takes the exit the script chooses', { timeout: 300_000 }, async () => {
    const created = await t.send('POST', '/api/journeys', { name: 'Outreach', draft });
    expect(created.status, created.text).toBe(201);
    const journeyId = created.body.id as string;
    const customer = { traits: { name: 'Ada' }, email: 'ada@example.com' };

    const succeeded = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { customer, triggerProperties: { score: 31 }, webhookAnswers: { call_crm: { exit: 'succeeded', body: { owner: 'owner@team.example.com' } } } });
    expect(succeeded.status, succeeded.text).toBe(200);
    expect(succeeded.body.path.map((step: { nodeId: string; exit: string | null }) => [step.nodeId, step.exit])).toEqual([['trigger', 'next'], ['call_crm', 'succeeded'], ['tell_owner', 'next'], ['done', null]]);
    const [hook, note] = succeeded.body.outbound;
    expect(hook).toMatchObject({ kind: 'webhook', method: 'POST', target: 'https://crm.example.com/hook', body: '{"email": "ada@example.com", "score": 31}' });
    expect(hook.headers.authorization).toBe('Bearer «secret CRM_TOKEN»');
    expect(hook.headers['idempotency-key']).toMatch(/^lc_/);
    expect(note).toMatchObject({ kind: 'team_email', target: 'owner@team.example.com', subject: 'Health dropped: Ada' });
    expect(JSON.stringify(succeeded.body)).not.toContain('real-token-never-shown');

    const failed = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { customer, triggerProperties: { score: 31 }, webhookAnswers: { call_crm: { exit: 'failed', status: 500 } } });
    expect(failed.body.path.map((step: { nodeId: string; exit: string | null }) => [step.nodeId, step.exit])).toEqual([['trigger', 'next'], ['call_crm', 'failed'], ['gave_up', null]]);
    expect(await t.db.select().from(outboundCalls)).toEqual([]);
  });
});
