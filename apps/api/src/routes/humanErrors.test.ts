import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeAll(async () => {
  t = testApp();
});
afterAll(async () => {
  await t.close();
});

type Refusal = { error: string; message: string; issues: { path: string; message: string }[] };

describe("400 answers say what to fix in words, and keep each field's path for machines", () => {
  it('segments: names the condition and what it needs', async () => {
    const response = await t.send('POST', '/api/segments', {
      name: 'Buyers',
      definition: { match: 'all', conditions: [{ kind: 'event', event: '', op: 'happened' }, { kind: 'email', action: 'opened', op: 'happened', within: { amount: 5000, unit: 'days' } }] },
    });
    expect(response.status).toBe(400);
    const body = response.body as Refusal;
    expect(body.issues).toEqual([
      { path: 'definition.conditions[0].event', message: 'Condition 1: choose the event' },
      { path: 'definition.conditions[1].within.amount', message: 'Condition 2: the time window can be at most 3,650 days' },
    ]);
    expect(body.message).toBe('Condition 1: choose the event; Condition 2: the time window can be at most 3,650 days');
  });

  it('templates and offers: a missing name and a wrong choice, without zod wording', async () => {
    const template = (await t.send('POST', '/api/templates', { name: '  ', subject: 'Hi', html: '<p>Hi</p>' })).body as Refusal;
    expect(template.issues).toEqual([{ path: 'name', message: 'Give it a name' }]);
    const offer = (await t.send('POST', '/api/offers', { name: 'Spring', codeSource: 'coupons', codePrefix: 'A B' })).body as Refusal;
    expect(offer.issues).toEqual([
      { path: 'codeSource', message: 'Code source must be one of “pool” or “generated”' },
      { path: 'codePrefix', message: 'Code prefix: letters, digits, _ and - only' },
    ]);
    expect(JSON.stringify([template, offer])).not.toMatch(/Too small|Too big|Invalid option|expected/);
  });

  it('journeys: an unknown step type is named by its path and said plainly', async () => {
    const response = await t.send('POST', '/api/journeys', { name: 'Odd', draft: { nodes: [{ id: 'x', type: 'teleport' }], edges: [] } });
    expect(response.status).toBe(400);
    const body = response.body as Refusal;
    expect(body.issues).toContainEqual({ path: 'draft.nodes[0].type', message: "Step 'x': type must be one of “trigger”, “send_email”, “wait”, “wait_for_event”, “condition_split”, “random_split”, “offer”, “update_customer”, “webhook”, “notify_team” or “exit”" });
  });
});
