import type { TestApp } from './testApp';

/** A small publishable draft: trigger on `event` → send the template → exit. */
export function simpleDraft(templateId: string, event = 'signed_up', reentry: object = { policy: 'once' }) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event, reentry },
      { id: 'send', type: 'send_email', templateId },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
}

/**
 * Creates a template and a journey over it, publishes it, and returns their ids. With `goalEvent` the journey has
 * that goal, so its runs are signalled that event (a run hears only the events its journey can use).
 */
export async function publishedJourney(t: TestApp, options: { event?: string; reentry?: object; goalEvent?: string } = {}) {
  const template = await t.send('POST', '/api/templates', { name: 'Welcome', subject: 'Hi {{ customer.traits.firstName }}', html: '<p>Hello</p>' });
  const goal = options.goalEvent ? { goal: { kind: 'event', event: options.goalEvent } } : {};
  const journey = await t.send('POST', '/api/journeys', { name: 'Welcome', draft: { ...simpleDraft(template.body.id, options.event, options.reentry), ...goal } });
  const version = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
  if (version.status !== 201) throw new Error(`publish failed: ${version.text}`);
  return { templateId: template.body.id as string, journeyId: journey.body.id as string, versionId: version.body.id as string };
}

/** Saves `draft` as the journey's draft (creating the journey when `journeyId` is absent) and publishes it. */
export async function publishDraft(t: TestApp, draft: object, journeyId?: string) {
  const id = journeyId ?? ((await t.send('POST', '/api/journeys', { name: 'Journey', draft })).body.id as string);
  if (journeyId) await t.send('PUT', `/api/journeys/${journeyId}`, { draft });
  const version = await t.send('POST', `/api/journeys/${id}/publish`);
  if (version.status !== 201) throw new Error(`publish failed: ${version.text}`);
  return { journeyId: id, versionId: version.body.id as string };
}
