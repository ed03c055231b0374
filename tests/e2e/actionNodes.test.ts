import { createHmac } from 'node:crypto';
import type { JourneyDraft } from '@lifecycle/journey';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHookReceiver, type HookAnswer, type HookReceiver, type ReceivedCall } from '../../apps/worker/src/testing/hookReceiver';
import { waitFor } from '../support/processes';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';
import { apiTokenFor } from './journeyClient';

const SIGNING_KEY = 'e2e-signing-key';

/** A webhook journey: `event` → call `path` on the receiver → (succeeded) tell the owner → exit; (failed) → exit. */
function hookJourney(receiver: HookReceiver, event: string, path: string, extra: Record<string, unknown> = {}): JourneyDraft {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event, reentry: { policy: 'once' } },
      {
        id: 'call_crm',
        type: 'webhook',
        method: 'POST',
        url: `${receiver.url}${path}`,
        headers: [{ name: 'Authorization', value: 'Bearer {{ secrets.CRM_TOKEN }}' }],
        body: '{"email": {{ customer.email | json }}, "event": {{ event.name | json }}}',
        signature: { secret: 'HOOK_KEY' },
        attempts: 4,
        timeoutSeconds: 2,
        saveTraits: [{ answerPath: 'account.score', trait: 'crm_score' }],
        ...extra,
      },
      { id: 'tell_owner', type: 'notify_team', label: 'CRM answered', recipient: { kind: 'trait', trait: 'account_owner_email' }, includeTraits: ['crm_score'], chatWebhookUrl: `${receiver.url}/chat` },
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
}


/** Rows of the platform's app database (its SQLite file, or its Postgres database in a run on Postgres). */
function readDb<T>(platform: Platform, sql: string, ...params: unknown[]): Promise<T[]> {
  return platform.withDatabase((db) => db.prepare(sql).all<T>(...params));
}

describe('webhook and notify-the-team nodes against a real receiver on loopback', () => {
  let platform: Platform;
  let receiver: HookReceiver;
  let answer: (call: ReceivedCall, nth: number) => HookAnswer = () => ({ status: 200, json: {} });
  let asAdmin: { authorization: string };

  beforeAll(async () => {
    receiver = await startHookReceiver((call, nth) => answer(call, nth));
    platform = await startPlatform({ timeScale: 0.001 });
    asAdmin = { authorization: `Bearer ${await apiTokenFor(platform.api.url, E2E_ADMIN, 'admin')}` };
    await platform.client.call('PUT', '/api/secrets/HOOK_KEY', { value: SIGNING_KEY }, asAdmin);
    await platform.client.call('PUT', '/api/secrets/CRM_TOKEN', { value: 'crm-token-1' }, asAdmin);
  });
  afterAll(async () => {
    await platform?.stop();
    await receiver?.close();
  });

  async function publish(name: string, draft: JourneyDraft): Promise<string> {
    const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name, draft });
    await platform.client.call('POST', `/api/journeys/${journey.id}/publish`);
    return journey.id;
  }

  async function finishedRun(journeyId: string, customerId: string) {
    const run = await waitFor(
      async () => (await platform.client.runsOf(journeyId)).runs.find((found) => found.customerId === customerId && found.status === 'completed'),
      { timeoutMs: 120_000, intervalMs: 300, description: `${customerId}'s run to complete` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${platform.logs()}`);
    });
    return platform.client.run(run.workflowId);
  }

  it('refuses 127.0.0.1 while no admin allowed it: the step fails and the receiver hears nothing', async () => {
    const journeyId = await publish('Refused hook', hookJourney(receiver, 'refused_signup', '/hook'));
    await platform.client.identify('blocked', { email: 'blocked@example.com' });
    await platform.client.track('blocked', 'refused_signup');
    const detail = await finishedRun(journeyId, 'blocked');
    const step = detail.steps.find((found) => found.nodeId === 'call_crm');
    expect(step?.exit).toBe('failed');
    expect(step?.outcome).toMatch(/127\.0\.0\.1 is not a public address/);
    expect(receiver.calls).toHaveLength(0);
  });

  it('once loopback is allowed: retries 503 twice with one idempotency key, signs the body, saves the answer, tells the owner', async () => {
    await platform.client.call('POST', '/api/outbound/allowed-hosts', { host: '127.0.0.1' }, asAdmin);
    answer = (call, nth) => (call.path === '/hook' && nth <= 2 ? { status: 503 } : { status: 200, json: { account: { score: 87 } } });
    const journeyId = await publish('CRM hook', hookJourney(receiver, 'crm_signup', '/hook'));
    await platform.client.identify('ada', { email: 'ada@example.com', name: 'Ada', account_owner_email: 'owner@team.example.com' });
    await platform.client.track('ada', 'crm_signup');
    const detail = await finishedRun(journeyId, 'ada');
    expect(detail.steps.map((step) => [step.nodeId, step.exit])).toEqual([['trigger', 'next'], ['call_crm', 'succeeded'], ['tell_owner', 'next'], ['done', null]]);

    const hooks = receiver.calls.filter((call) => call.path === '/hook');
    expect(hooks).toHaveLength(3);
    expect(new Set(hooks.map((call) => call.headers['idempotency-key'])).size).toBe(1);
    for (const call of hooks) {
      expect(JSON.parse(call.body)).toEqual({ email: 'ada@example.com', event: 'crm_signup' });
      expect(call.headers['x-lifecycle-signature']).toBe(`sha256=${createHmac('sha256', SIGNING_KEY).update(call.body).digest('hex')}`);
      expect(call.headers.authorization).toBe('Bearer crm-token-1');
    }
    const [ada] = await readDb<{ traits: string }>(platform, 'select traits from customers where id = ?', 'ada');
    expect(JSON.parse(ada?.traits ?? '{}').crm_score).toBe(87);

    const note = await platform.waitForMail('owner@team.example.com', /CRM answered: Ada/);
    expect(note.text).toContain('crm_score: 87');
    expect(note.text).toContain(`${platform.api.url}/#/customers/ada`);
    const chat = receiver.calls.filter((call) => call.path === '/chat');
    expect(chat).toHaveLength(1);
    expect(JSON.parse(chat[0]?.body ?? '{}').text).toContain('CRM answered: Ada');
  });

  it('never follows a redirect to a private address', async () => {
    answer = (call) => (call.path === '/moved' ? { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } } : { status: 200, json: {} });
    const journeyId = await publish('Moved hook', hookJourney(receiver, 'moved_signup', '/moved'));
    await platform.client.identify('bob', { email: 'bob@example.com' });
    await platform.client.track('bob', 'moved_signup');
    const detail = await finishedRun(journeyId, 'bob');
    const step = detail.steps.find((found) => found.nodeId === 'call_crm');
    expect(step?.exit).toBe('failed');
    expect(step?.outcome).toMatch(/redirects are not followed/);
    expect(receiver.calls.filter((call) => call.path === '/moved')).toHaveLength(1);
  });

  // A worker restart bundles the workflows again: minutes on a loaded machine.
  it('a kill -9 of the worker mid-call leaves one logical delivery identified by its idempotency key', { timeout: 480_000 }, async () => {
    let workerKilled = false;
    await platform.client.call('POST', '/api/outbound/allowed-hosts', { host: '127.0.0.1' }, asAdmin); // idempotent: runs alone too
    answer = (call) => (call.path === '/slow' && !workerKilled ? 'hang' : { status: 200, json: { account: { score: 5 } } });
    const journeyId = await publish('Slow hook', hookJourney(receiver, 'slow_signup', '/slow', { timeoutSeconds: 3 }));
    await platform.client.identify('cy', { email: 'cy@example.com', account_owner_email: 'owner@team.example.com' });
    await platform.client.track('cy', 'slow_signup');
    await waitFor(() => receiver.calls.some((call) => call.path === '/slow'), { timeoutMs: 60_000, description: 'the worker to call /slow' });
    await platform.worker.kill9();
    workerKilled = true;
    await platform.worker.restart();

    const detail = await finishedRun(journeyId, 'cy');
    expect(detail.steps.find((step) => step.nodeId === 'call_crm')?.exit).toBe('succeeded');
    const slow = receiver.calls.filter((call) => call.path === '/slow');
    expect(slow.length).toBeGreaterThanOrEqual(1);
    expect(slow.length).toBeLessThanOrEqual(2);
    const keys = new Set(slow.map((call) => call.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    const rows = await readDb<{ idempotency_key: string; attempts: number; outcome: string }>(platform, "select idempotency_key, attempts, outcome from outbound_calls where kind = 'webhook' and workflow_id in (select workflow_id from runs where customer_id = 'cy')");
    expect(rows).toEqual([{ idempotency_key: [...keys][0], attempts: slow.length, outcome: 'succeeded' }]);
  });
});
