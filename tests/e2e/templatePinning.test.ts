import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { startPlatform, type Platform } from './platform';

const TIME_SCALE = 1e-4;

/** `event` → send the template → exit; every event starts a run. */
function oneEmailJourney(templateId: string, event: string) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event, reentry: { policy: 'always' } },
      { id: 'send', type: 'send_email', templateId },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
}

type History = { current: number; revisions: { revision: number; subject: string; savedBy: string | null }[]; liveUses: { version: number; revision: number | null }[] };

describe('templates pinned at publish, end to end on real processes (Temporal dev server, worker, SMTP on loopback)', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: TIME_SCALE });
  });
  afterAll(async () => platform?.stop());

  const client = () => platform.client;
  const edit = (id: string, subject: string) => client().call('PUT', `/api/templates/${id}`, { name: 'Onboarding mail', subject, html: `<p>${subject}</p>`, text: null });
  const history = (id: string) => client().call<History>('GET', `/api/templates/${id}/revisions`);

  async function publishOneEmailJourney(name: string, event: string, subject: string) {
    const template = await client().createTemplate('Onboarding mail', subject, `<p>${subject}</p>`);
    const journey = await client().call<{ id: string }>('POST', '/api/journeys', { name, draft: oneEmailJourney(template.id, event) });
    const version = await client().call<{ id: string }>('POST', `/api/journeys/${journey.id}/publish`);
    return { templateId: template.id, journeyId: journey.id, versionId: version.id };
  }

  async function sendTo(customerId: string, event: string) {
    const email = `${customerId}@example.com`;
    await client().identify(customerId, { email });
    await client().track(customerId, event);
    return platform.waitForMail(email, /./);
  }

  it('a new run of the live version sends the template as published, not the edit; publishing again sends the edit', async () => {
    const { templateId, journeyId } = await publishOneEmailJourney('Onboarding', 'pin_signed_up', 'Welcome (as published)');
    await edit(templateId, 'Welcome (edited after publish)');

    const before = await sendTo('ada', 'pin_signed_up');
    expect(before.subject).toBe('Welcome (as published)');
    expect(before.html).toContain('Welcome (as published)');

    await client().call('POST', `/api/journeys/${journeyId}/publish`);
    const after = await sendTo('grace', 'pin_signed_up');
    expect(after.subject).toBe('Welcome (edited after publish)');

    // The run page's delivery shows the message as it went out.
    const runs = (await client().runsOf(journeyId)).runs;
    const adaRun = runs.find((run) => run.customerId === 'ada')!;
    const detail = await waitFor(async () => {
      const current = await client().run(adaRun.workflowId);
      return current.deliveries.find((delivery) => delivery.status === 'sent') ? current : undefined;
    }, { description: "ada's delivery" });
    expect(detail.deliveries[0]?.subject).toBe('Welcome (as published)');
  });

  it('lists revisions with their numbers and the revision each live version sends; restore makes a new revision that the next publish sends', async () => {
    const { templateId, journeyId } = await publishOneEmailJourney('Restore', 'pin_restore', 'First words');
    await edit(templateId, 'Second words');
    await edit(templateId, 'Third words');
    const listed = await history(templateId);
    expect(listed.current).toBe(3);
    expect(listed.revisions.map((r) => [r.revision, r.subject])).toEqual([[3, 'Third words'], [2, 'Second words'], [1, 'First words']]);
    expect(listed.revisions[0]?.savedBy).toMatch(/^token /);
    expect(listed.liveUses).toEqual([expect.objectContaining({ version: 1, revision: 1 })]);

    const restored = await client().call<{ subject: string }>('POST', `/api/templates/${templateId}/revisions/2/restore`);
    expect(restored.subject).toBe('Second words');
    expect((await history(templateId)).revisions[0]).toMatchObject({ revision: 4, subject: 'Second words' });

    await client().call('POST', `/api/journeys/${journeyId}/publish`);
    expect((await history(templateId)).liveUses).toEqual([expect.objectContaining({ version: 2, revision: 4 })]);
    expect((await sendTo('linus', 'pin_restore')).subject).toBe('Second words');
  });

  it('a version published before pinning existed (no pinned revision) sends the template as it is now', async () => {
    const { templateId, versionId } = await publishOneEmailJourney('Legacy', 'pin_legacy', 'Legacy as published');
    // What a version published before migration 0027 looks like: no pins.
    await platform.withDatabase((db) => db.prepare('DELETE FROM journey_version_templates WHERE version_id = ?').run(versionId));
    await edit(templateId, 'Legacy as edited');
    expect((await history(templateId)).liveUses).toEqual([expect.objectContaining({ revision: null })]);
    expect((await sendTo('margaret', 'pin_legacy')).subject).toBe('Legacy as edited');
  });
});
