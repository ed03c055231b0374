import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyWorkflowBundle } from '../../../../tests/support/workflowBundle';
import { testApp, type TestApp } from '../testing/testApp';
import { useSimulationBundle } from './simulationRuntime';

let t: TestApp;
let template: string;

beforeAll(async () => {
  useSimulationBundle(journeyWorkflowBundle());
  t = testApp();
  template = (await t.send('POST', '/api/templates', { name: 'News', subject: 'News', html: '<p>News</p>' })).body.id;
});
afterAll(async () => {
  await t.close();
});

/** trigger → three sends (the last one skips when capped) → exit. */
const draft = () => ({
  nodes: [
    { id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } },
    { id: 'one', type: 'send_email', templateId: template },
    { id: 'two', type: 'send_email', templateId: template },
    { id: 'three', type: 'send_email', templateId: template, whenCapped: 'skip' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'one' },
    { id: 'e2', source: 'one', sourceExit: 'next', target: 'two' },
    { id: 'e3', source: 'two', sourceExit: 'next', target: 'three' },
    { id: 'e4', source: 'three', sourceExit: 'next', target: 'done' },
  ],
});

describe('a simulation under the journey’s sending rules', () => {
  it('shows a send held by the frequency cap until it frees, and one skipped over it', async () => {
    const journey = await t.send('POST', '/api/journeys', { name: 'Capped', draft: draft() });
    const saved = await t.send('PUT', `/api/journeys/${journey.body.id}/sending`, { frequencyCap: { mode: 'custom', value: { limit: 1, windowHours: 6 } }, quietHours: { mode: 'off' } });
    expect(saved.status, saved.text).toBe(200);
    const answer = await t.send('POST', `/api/journeys/${journey.body.id}/simulate`, { customer: { traits: {}, email: 'sim@example.com' }, script: [] });
    expect(answer.status, answer.text).toBe(200);
    const steps = Object.fromEntries(answer.body.path.map((step: { nodeId: string }) => [step.nodeId, step]));
    expect(steps.one.outcome).toMatch(/^sent /);
    // Held 6 hours (virtual time), then sent; the third is over the cap again and skips, as its node says.
    expect(steps.two.outcome).toMatch(/^sent .* \(after being held by the frequency cap \(1 in 6 hours\) until .*\)$/);
    expect(Math.round((Date.parse(steps.two.leftAt) - Date.parse(steps.one.leftAt)) / 3_600_000)).toBe(6);
    expect(steps.three.outcome).toBe('skipped: frequency cap reached (1 in 6 hours; 1 sent in the window)');
    expect(answer.body.emails).toHaveLength(2);
  });
});
