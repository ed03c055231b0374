import { expectStatus, type DemoApi } from './api';

/** The demo journey: trial_started → random split (email vs. a no-email control) → wait 2 days → exit; goal: a purchase. */
function demoDraft(templateId: string) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', label: 'Trial started', event: 'trial_started', reentry: { policy: 'once' } },
      { id: 'split', type: 'random_split', label: 'Email or not', arms: [{ id: 'email', label: 'Tips email', weight: 1 }, { id: 'control', label: 'No email (control)', weight: 1 }] },
      { id: 'send_tips', type: 'send_email', label: 'Tips email', templateId },
      { id: 'wait_email', type: 'wait', label: 'Wait 2 days', duration: { amount: 2, unit: 'days' } },
      { id: 'wait_control', type: 'wait', label: 'Wait 2 days', duration: { amount: 2, unit: 'days' } },
      { id: 'done', type: 'exit', label: 'Done' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'split' },
      { id: 'e2', source: 'split', sourceExit: 'email', target: 'send_tips' },
      { id: 'e3', source: 'split', sourceExit: 'control', target: 'wait_control' },
      { id: 'e4', source: 'send_tips', sourceExit: 'next', target: 'wait_email' },
      { id: 'e5', source: 'wait_email', sourceExit: 'next', target: 'done' },
      { id: 'e6', source: 'wait_control', sourceExit: 'next', target: 'done' },
    ],
    goal: { event: 'purchase' },
  };
}

/** Creates the tips template and the journey, validates and publishes it; returns the journey id. */
export async function publishDemoJourney(api: DemoApi, runId: string): Promise<string> {
  const template = expectStatus(
    await api.call<{ id: string }>('POST', '/api/templates', {
      name: `Demo: trial tips (${runId})`,
      subject: 'Three tips for your trial, {{ customer.name }}',
      html: '<p>Hi {{ customer.name }},</p><p>Reports, exports and alerts: <a href="https://example.com/tips">see how</a>.</p>',
      text: null,
    }),
    'creating the template',
  );
  const journey = expectStatus(await api.call<{ id: string }>('POST', '/api/journeys', { name: `Demo: trial nurture (${runId})`, lifecycleStage: 'onboarding' }), 'creating the journey');
  expectStatus(await api.call('PUT', `/api/journeys/${journey.id}`, { draft: demoDraft(template.id) }), 'saving the journey draft');
  expectStatus(await api.call('POST', `/api/journeys/${journey.id}/publish`), 'publishing the journey');
  return journey.id;
}

type Run = { workflowId: string; status: string; customerId: string };

/** The journey's runs (first page is enough for the demo's counts). */
export async function journeyRuns(api: DemoApi, journeyId: string): Promise<Run[]> {
  const answer = await api.call<{ runs: Run[] }>('GET', `/api/runs?journeyId=${encodeURIComponent(journeyId)}&limit=500`);
  return answer.status === 200 ? answer.data.runs : [];
}

/** Polls until `enough(runs)` or the time is up; returns the last runs seen. */
export async function waitForRuns(api: DemoApi, journeyId: string, enough: (runs: Run[]) => boolean, timeoutMs: number): Promise<Run[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const runs = await journeyRuns(api, journeyId);
    if (enough(runs) || Date.now() > until) return runs;
    await new Promise((done) => setTimeout(done, 1000));
  }
}
