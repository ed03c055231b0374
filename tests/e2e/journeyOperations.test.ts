import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';
import { publishSentinelJourney } from './sentinel';

type RunRow = { workflowId: string; customerId: string; status: string; currentNodeId: string | null; versionId: string; error: string | null };
type RunPage = { run: RunRow; steps: { nodeId: string; exit: string | null; outcome: string | null }[] };

const day = { amount: 1, unit: 'days' };
const edge = (source: string, target: string, sourceExit = 'next') => ({ id: `${source}-${target}`, source, sourceExit, target });

let platform: Platform;
let adminToken: string;
let passSentinel: (customerId: string, email: string) => Promise<void>;

async function runsOf(journeyId: string): Promise<RunRow[]> {
  return (await platform.client.call<{ runs: RunRow[] }>('GET', `/api/runs?journeyId=${journeyId}&limit=500`)).runs;
}
async function runPage(workflowId: string): Promise<RunPage> {
  return platform.client.call<RunPage>('GET', `/api/runs/${encodeURIComponent(workflowId)}`);
}
function runsWhen(journeyId: string, ready: (runs: RunRow[]) => boolean, description: string): Promise<RunRow[]> {
  return waitFor(async () => {
    const runs = await runsOf(journeyId);
    return ready(runs) ? runs : undefined;
  }, { timeoutMs: 120_000, intervalMs: 300, description });
}
async function enter(customers: string[], event: string): Promise<void> {
  for (let start = 0; start < customers.length; start += 50) {
    const slice = customers.slice(start, start + 50);
    const batch = slice.flatMap((id) => [
      { type: 'identify', userId: id, traits: { email: `${id}@example.com` } },
      { type: 'track', userId: id, event },
    ]);
    await platform.client.call('POST', '/v1/batch', { batch }, { authorization: `Basic ${Buffer.from(`${platform.env.WRITE_KEY}:`).toString('base64')}` });
  }
}
/** An admin API token (sending a run on from its wait is an admin's action). */
async function tokenWithRole(baseUrl: string, role: string): Promise<string> {
  const signIn = await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(E2E_ADMIN) });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const created = await fetch(`${baseUrl}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: `e2e ${role}`, role }) });
  return ((await created.json()) as { token: string }).token;
}
async function skipWait(workflowId: string): Promise<void> {
  await platform.client.call('POST', '/api/runs/actions/skip-wait', { workflowId }, { authorization: `Bearer ${adminToken}` });
}
async function createJourney(name: string, draft: unknown): Promise<string> {
  return (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name, draft })).id;
}

beforeAll(async () => {
  platform = await startPlatform({ timeScale: 1 });
  passSentinel = await publishSentinelJourney(platform);
  adminToken = await tokenWithRole(platform.api.url, 'admin');
}, 180_000);
afterAll(async () => {
  await platform?.stop();
});

describe('pause, resume and stop with runs in flight', () => {
  it('continue lets runs go on, hold stops them before their next step until resume, stop cancels exactly the counted runs', async () => {
    const template = await platform.client.createTemplate('Step two', 'Step two', '<p>Step two</p>');
    const id = await createJourney('Ops pause', {
      nodes: [
        { id: 'start', type: 'trigger', event: 'ops_a', reentry: { policy: 'once' } },
        { id: 'wait_1', type: 'wait', duration: day },
        { id: 'send', type: 'send_email', templateId: template.id },
        { id: 'wait_2', type: 'wait', duration: day },
        { id: 'done', type: 'exit' },
      ],
      edges: [edge('start', 'wait_1'), edge('wait_1', 'send'), edge('send', 'wait_2'), edge('wait_2', 'done')],
    });
    await platform.client.call('POST', `/api/journeys/${id}/publish`);
    await enter(['a1', 'a2', 'a3'], 'ops_a');
    const runs = await runsWhen(id, (all) => all.filter((run) => run.status === 'waiting' && run.currentNodeId === 'wait_1').length === 3, 'three runs waiting');
    const runOf = (customer: string) => runs.find((run) => run.customerId === customer)?.workflowId ?? '';

    // Pause, runs continue: a paused journey takes nobody new (the sentinel proves the event was handled).
    await platform.client.call('POST', `/api/journeys/${id}/pause`, { runs: 'continue' });
    expect(await platform.client.call('GET', `/api/journeys/${id}/operations`)).toMatchObject({ status: 'paused', pauseMode: 'continue', runsInFlight: 3 });
    await platform.client.identify('a4', { email: 'a4@example.com' });
    await platform.client.track('a4', 'ops_a');
    await passSentinel('a4', 'a4@example.com');
    expect((await runsOf(id)).map((run) => run.customerId)).not.toContain('a4');
    await skipWait(runOf('a1'));
    await platform.waitForMail('a1@example.com', /^Step two$/);

    // Pause, runs held: a run whose wait ends stops before its email, and says why.
    const held = await platform.client.call<{ signals: { signalled: number; failed: string[] } }>('POST', `/api/journeys/${id}/pause`, { runs: 'hold' });
    expect(held.signals).toEqual({ signalled: 3, notFound: 0, failed: [] });
    await skipWait(runOf('a2'));
    await waitFor(async () => {
      const page = await runPage(runOf('a2'));
      return page.run.currentNodeId === 'send' && page.steps.some((step) => step.nodeId === 'send' && step.outcome === 'held: journey paused');
    }, { timeoutMs: 60_000, intervalMs: 300, description: 'a2 held before its email' });
    expect(await platform.inbox('a2@example.com')).toHaveLength(0);
    expect((await runPage(runOf('a2'))).run.status).toBe('waiting');

    // Resume: the held run sends its email and goes on; new entries again.
    await platform.client.call('POST', `/api/journeys/${id}/resume`);
    await platform.waitForMail('a2@example.com', /^Step two$/);
    await waitFor(async () => (await runPage(runOf('a2'))).run.currentNodeId === 'wait_2', { timeoutMs: 60_000, intervalMs: 300, description: 'a2 at wait_2' });
    expect((await runPage(runOf('a2'))).steps.map((step) => step.outcome)).toContainEqual(expect.stringMatching(/^held: journey paused; released after /));
    await platform.client.identify('a5', { email: 'a5@example.com' });
    await platform.client.track('a5', 'ops_a');
    await runsWhen(id, (all) => all.some((run) => run.customerId === 'a5' && run.status === 'waiting'), 'a5 entered after resume');

    // Stop: the preview counts the runs in flight; the stop cancels exactly them and takes nobody new.
    const preview = await platform.client.call<{ runsInFlight: number }>('GET', `/api/journeys/${id}/stop`);
    expect(preview.runsInFlight).toBe(4);
    const stopped = await platform.client.call<{ count: number; requested: number; journey: { status: string } }>('POST', `/api/journeys/${id}/stop`, { confirm: 4 });
    expect(stopped).toMatchObject({ count: 4, requested: 4, journey: { status: 'paused' } });
    const ended = await runsWhen(id, (all) => all.every((run) => run.status === 'cancelled'), 'every run cancelled');
    expect(ended.map((run) => run.customerId).sort()).toEqual(['a1', 'a2', 'a3', 'a5']);
    expect(await platform.client.call('GET', `/api/journeys/${id}/operations`)).toMatchObject({ status: 'paused', pauseMode: 'stopped', runsInFlight: 0 });
  }, 300_000);
});

describe('in-flight policy on publish', () => {
  it('migrates 100 waiting runs after a dry run: none lost, none duplicated, one email each, the move recorded', async () => {
    const moved = await platform.client.createTemplate('Moved', 'Moved', '<p>You moved</p>');
    const id = await createJourney('Ops migrate', {
      nodes: [{ id: 'start', type: 'trigger', event: 'ops_m', reentry: { policy: 'once' } }, { id: 'wait_1', type: 'wait', duration: day }, { id: 'done', type: 'exit' }],
      edges: [edge('start', 'wait_1'), edge('wait_1', 'done')],
    });
    const v1 = await platform.client.call<{ id: string }>('POST', `/api/journeys/${id}/publish`);
    const customers = Array.from({ length: 100 }, (_, index) => `m${String(index).padStart(3, '0')}`);
    await enter(customers, 'ops_m');
    await runsWhen(id, (all) => all.filter((run) => run.status === 'waiting' && run.currentNodeId === 'wait_1').length === 100, '100 runs waiting at wait_1');

    const draft = {
      nodes: [
        { id: 'start', type: 'trigger', event: 'ops_m', reentry: { policy: 'once' } },
        { id: 'wait_2', type: 'wait', duration: { amount: 1, unit: 'seconds' } },
        { id: 'send', type: 'send_email', templateId: moved.id },
        { id: 'done', type: 'exit' },
      ],
      edges: [edge('start', 'wait_2'), edge('wait_2', 'send'), edge('send', 'done')],
    };
    await platform.client.call('PUT', `/api/journeys/${id}`, { draft });
    // No node of the same id: nothing is proposed, all 100 would stay.
    const proposed = await platform.client.call<{ versions: { versionId: string; nodes: { nodeId: string; waiting: number; proposed: string | null }[] }[]; totals: { move: number; unmapped: number } }>(
      'POST', `/api/journeys/${id}/migration/dry-run`, {},
    );
    expect(proposed.versions).toEqual([expect.objectContaining({ versionId: v1.id, nodes: [expect.objectContaining({ nodeId: 'wait_1', waiting: 100, proposed: null })] })]);
    expect(proposed.totals).toMatchObject({ move: 0, unmapped: 100 });
    const mappings = [{ fromVersionId: v1.id, nodes: { wait_1: 'wait_2' } }];
    const planned = await platform.client.call<{ totals: { move: number; unmapped: number; atNextWait: number } }>('POST', `/api/journeys/${id}/migration/dry-run`, { mappings });
    expect(planned.totals).toEqual({ move: 100, unmapped: 0, atNextWait: 0 });
    expect(await platform.inbox('m000@example.com')).toHaveLength(0); // the dry run moved nobody

    const v2 = await platform.client.call<{ id: string; inFlight: { signalled: number; failed: string[] } }>('POST', `/api/journeys/${id}/publish`, { inFlight: { policy: 'migrate', mappings } });
    expect(v2.inFlight).toMatchObject({ signalled: 100, failed: [] });
    const ended = await runsWhen(id, (all) => all.length === 100 && all.every((run) => run.status === 'completed'), '100 migrated runs completed');
    expect(new Set(ended.map((run) => run.customerId)).size).toBe(100);
    expect(ended.every((run) => run.versionId === v2.id)).toBe(true);
    const mail = await waitFor(async () => {
      const all = (await platform.messages()).filter((message) => message.subject === 'Moved');
      return all.length >= 100 ? all : undefined;
    }, { timeoutMs: 60_000, intervalMs: 300, description: '100 Moved emails' });
    expect(mail.flatMap((message) => message.to).sort()).toEqual(customers.map((customer) => `${customer}@example.com`));
    const steps = (await runPage(ended[0]?.workflowId ?? '')).steps;
    expect(steps.map((step) => step.outcome)).toContainEqual(expect.stringMatching(/^moved from v1 wait_1 to v2 wait_2 by /));
  }, 300_000);

  it('exits runs on older versions with the reason, after proposing the node of the same id', async () => {
    const draft = {
      nodes: [{ id: 'start', type: 'trigger', event: 'ops_x', reentry: { policy: 'once' } }, { id: 'wait_1', type: 'wait', duration: day }, { id: 'done', type: 'exit' }],
      edges: [edge('start', 'wait_1'), edge('wait_1', 'done')],
    };
    const id = await createJourney('Ops exit', draft);
    await platform.client.call('POST', `/api/journeys/${id}/publish`);
    await enter(['x1', 'x2', 'x3'], 'ops_x');
    await runsWhen(id, (all) => all.filter((run) => run.status === 'waiting').length === 3, 'three runs waiting');
    const plan = await platform.client.call<{ versions: { nodes: { nodeId: string; proposed: string | null; waiting: number }[] }[] }>('POST', `/api/journeys/${id}/migration/dry-run`, {});
    expect(plan.versions[0]?.nodes).toEqual([expect.objectContaining({ nodeId: 'wait_1', proposed: 'wait_1', waiting: 3 })]);
    const v2 = await platform.client.call<{ inFlight: { signalled: number } }>('POST', `/api/journeys/${id}/publish`, { inFlight: { policy: 'exit' } });
    expect(v2.inFlight.signalled).toBe(3);
    const ended = await runsWhen(id, (all) => all.every((run) => run.status === 'cancelled'), 'three runs exited');
    expect(ended.map((run) => run.error)).toEqual(['exited on publish of v2', 'exited on publish of v2', 'exited on publish of v2']);
  }, 300_000);
});
