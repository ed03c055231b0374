import { recordRunProgress } from '@lifecycle/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const hostile = '<img src=x onerror=alert(1)> Welcome email';

/** trigger → send (no label) → wait for its open → offer → labelled wait → exit, published; returns the ids. */
async function namedJourney() {
  const template = await t.send('POST', '/api/templates', { name: hostile, subject: 'Hi', html: '<p>Hello</p>' });
  const offer = await t.send('POST', '/api/offers', { name: 'Spring 20%', codeSource: 'generated', codePrefix: 'SPRING' });
  const draft = {
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } },
      { id: 'send_email_1', type: 'send_email', templateId: template.body.id },
      { id: 'wait_1', type: 'wait_for_event', awaited: { kind: 'email_opened', sendNodeId: 'send_email_1' }, timeout: { amount: 2, unit: 'days' } },
      { id: 'offer_1', type: 'offer', offerId: offer.body.id },
      { id: 'pause', type: 'wait', label: 'Let it sink in', duration: { amount: 1, unit: 'days' } },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send_email_1' },
      { id: 'e2', source: 'send_email_1', sourceExit: 'next', target: 'wait_1' },
      { id: 'e3', source: 'wait_1', sourceExit: 'matched', target: 'offer_1' },
      { id: 'e4', source: 'wait_1', sourceExit: 'timed_out', target: 'done' },
      { id: 'e5', source: 'offer_1', sourceExit: 'next', target: 'pause' },
      { id: 'e6', source: 'pause', sourceExit: 'next', target: 'done' },
    ],
  };
  const journey = await t.send('POST', '/api/journeys', { name: 'Onboarding', draft });
  const version = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
  expect(version.status).toBe(201);
  return { templateId: template.body.id as string, offerId: offer.body.id as string, journeyId: journey.body.id as string, versionId: version.body.id as string };
}

describe('runs are named, not only identified', () => {
  it('names the journey, version, customer and current node of each run in the list', async () => {
    const { journeyId, versionId } = await namedJourney();
    await t.ingest('/v1/identify', { userId: 'ada', traits: { name: 'Ada Lovelace', email: 'ada@example.com' } });
    await t.ingest('/v1/identify', { userId: 'bob', traits: { first_name: 'Bob', last_name: 'Stone', email: 'bob@example.com' } });
    await t.ingest('/v1/identify', { userId: 'cy', traits: { email: 'cy@example.com' } });
    const at = async (node: string, customerId: string, minute: number) =>
      await recordRunProgress(t.db, { workflowId: `run-${customerId}`, journeyId, versionId, customerId, status: 'waiting', currentNodeId: node, startedAt: `2026-01-01T00:0${minute}:00.000Z` });
    await at('wait_1', 'ada', 1);
    await at('pause', 'bob', 2);
    await at('offer_1', 'cy', 3);
    await at('send_email_1', 'ghost', 4);
    await recordRunProgress(t.db, { workflowId: 'run-orphan', journeyId: 'gone', versionId: 'gone-v', customerId: 'ada', status: 'completed', startedAt: '2026-01-01T00:00:00.000Z' });

    const page = await t.send('GET', '/api/runs?sort=startedAt');
    expect(page.status).toBe(200);
    const named = page.body.runs.map((run: Record<string, unknown>) => [run.customerId, run.customerName, run.journeyName, run.version, run.currentNodeName]);
    expect(named).toEqual([
      ['ada', 'Ada Lovelace', 'gone', null, null],
      ['ada', 'Ada Lovelace', 'Onboarding', 1, `Wait for open of “${hostile}”`],
      ['bob', 'Bob Stone', 'Onboarding', 1, 'Let it sink in'],
      ['cy', 'cy@example.com', 'Onboarding', 1, 'Grant offer “Spring 20%”'],
      ['ghost', 'ghost', 'Onboarding', 1, `Send “${hostile}”`],
    ]);
    expect(page.body.runs[1].versionPublishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("gives the run page its version's node, template and offer names", async () => {
    const { journeyId, versionId, templateId, offerId } = await namedJourney();
    await recordRunProgress(t.db, { workflowId: 'run-1', journeyId, versionId, customerId: 'dee', status: 'waiting', currentNodeId: 'wait_1', startedAt: '2026-01-01T00:00:00.000Z' });
    const detail = await t.send('GET', '/api/runs/run-1');
    expect(detail.status).toBe(200);
    expect(detail.body.run).toMatchObject({ journeyName: 'Onboarding', version: 1, customerName: 'dee', currentNodeName: `Wait for open of “${hostile}”` });
    expect(detail.body.names).toEqual({
      nodes: {
        trigger: 'When “signed_up”',
        send_email_1: `Send “${hostile}”`,
        wait_1: `Wait for open of “${hostile}”`,
        offer_1: 'Grant offer “Spring 20%”',
        pause: 'Let it sink in',
        done: 'Exit',
      },
      templates: { [templateId]: hostile },
      offers: { [offerId]: 'Spring 20%' },
    });
  });

  it('names the segment a trigger enters on, never its id', async () => {
    const segment = await t.send('POST', '/api/segments', { name: 'Power users', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } });
    expect(segment.status, segment.text).toBe(201);
    const draft = {
      nodes: [
        { id: 'trigger', type: 'trigger', entry: { kind: 'segment', segmentId: segment.body.id, on: 'entered', includeExisting: false } },
        { id: 'done', type: 'exit' },
      ],
      edges: [{ id: 'e1', source: 'trigger', sourceExit: 'next', target: 'done' }],
    };
    const journey = await t.send('POST', '/api/journeys', { name: 'Power welcome', draft });
    const version = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
    expect(version.status, version.text).toBe(201);
    await recordRunProgress(t.db, { workflowId: 'run-seg', journeyId: journey.body.id, versionId: version.body.id, customerId: 'eve', status: 'completed', startedAt: '2026-01-01T00:00:00.000Z' });
    const detail = await t.send('GET', '/api/runs/run-seg');
    expect(detail.body.names.nodes.trigger).toBe('When a customer enters “Power users”');
  });
});
