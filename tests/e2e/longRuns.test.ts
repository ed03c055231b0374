import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from './platform';

/** trial_started → wait up to a week for a purchase over 100 → thank them → exit. */
function draftWith(templateId: string) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'trial_started', reentry: { policy: 'once' } },
      {
        id: 'big_order',
        type: 'wait_for_event',
        awaited: { kind: 'event', event: 'purchase', conditions: { match: 'all', conditions: [{ kind: 'event_property', path: 'amount', op: 'gt', value: 100 }] } },
        timeout: { amount: 7, unit: 'days' },
      },
      { id: 'thank', type: 'send_email', templateId },
      { id: 'done', type: 'exit' },
      { id: 'gave_up', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'big_order' },
      { id: 'e2', source: 'big_order', sourceExit: 'matched', target: 'thank' },
      { id: 'e3', source: 'big_order', sourceExit: 'timed_out', target: 'gave_up' },
      { id: 'e4', source: 'thank', sourceExit: 'next', target: 'done' },
    ],
  };
}

/** The statuses of every history a workflow id has had in Temporal (its visibility store), oldest first. */
async function executionsOf(address: string, workflowId: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const statuses: { startTime: Date; status: string }[] = [];
    for await (const execution of new Client({ connection }).workflow.list({ query: `WorkflowId = '${workflowId}'` })) statuses.push({ startTime: execution.startTime, status: execution.status.name });
    return statuses.sort((a, b) => a.startTime.getTime() - b.startTime.getTime()).map((execution) => execution.status);
  } finally {
    await connection.close();
  }
}

describe('a run receiving many events it can use while it waits', () => {
  let platform: Platform;

  beforeAll(async () => {
    // Runs continue as new after 60 history events here (production: 8,000), so a few dozen events show it.
    platform = await startPlatform({ timeScale: 1, apiEnv: { JOURNEY_HISTORY_LIMIT: '60' } });
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('continues as new in Temporal, keeps waiting, and sends its email once when the awaited event comes', async () => {
    const { client } = platform;
    const template = await client.createTemplate('Thanks', 'Thank you for your order', '<p>Thanks!</p>');
    const journey = await client.call<{ id: string }>('POST', '/api/journeys', { name: 'Big order thanks', draft: draftWith(template.id) });
    await client.call('POST', `/api/journeys/${journey.id}/publish`);
    await client.identify('ada', { email: 'ada@example.com' });
    await client.track('ada', 'trial_started');
    await expect.poll(async () => (await client.runsOf(journey.id)).runs.map((run) => `${run.currentNodeId}:${run.status}`), { timeout: 120_000, interval: 250 }).toEqual(['big_order:waiting']);
    const run = (await client.runsOf(journey.id)).runs[0]!;

    // Forty small purchases: each one reaches the run (it waits for purchases), none is big enough.
    const batch = Array.from({ length: 40 }, (_, index) => ({ type: 'track', userId: 'ada', event: 'purchase', properties: { amount: 5 }, messageId: `small-${index}` }));
    const basic = `Basic ${Buffer.from(`${platform.env.WRITE_KEY}:`).toString('base64')}`;
    const answer = await fetch(`${platform.api.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic }, body: JSON.stringify({ batch }) });
    expect(answer.status).toBe(200);
    await expect.poll(() => executionsOf(platform.temporal.address, run.workflowId), { timeout: 120_000, interval: 500 }).toEqual(expect.arrayContaining(['CONTINUED_AS_NEW', 'RUNNING']));
    expect((await client.run(run.workflowId)).run).toMatchObject({ status: 'waiting', currentNodeId: 'big_order' });

    await client.track('ada', 'purchase', { amount: 250 });
    await expect.poll(async () => (await client.run(run.workflowId)).run.status, { timeout: 120_000, interval: 250 }).toBe('completed');
    const view = await client.run(run.workflowId);
    // Each step once, whatever the number of histories the run had.
    expect(view.steps.map((step) => [step.nodeId, step.exit])).toEqual([['trigger', 'next'], ['big_order', 'matched'], ['thank', 'next'], ['done', null]]);
    await platform.waitForMail('ada@example.com', /^Thank you for your order$/);
    expect((await platform.inbox('ada@example.com')).filter((message) => message.subject === 'Thank you for your order')).toHaveLength(1);
    expect((await executionsOf(platform.temporal.address, run.workflowId)).at(-1)).toBe('COMPLETED');
  });
});
