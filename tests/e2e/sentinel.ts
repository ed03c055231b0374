import type { Platform } from './platform';

export const SENTINEL_EVENT = 'test_sentinel';
export const SENTINEL_SUBJECT = 'Sentinel';

/**
 * Proves a customer's earlier events were fully handled: the API dispatches one customer's events in order, so once
 * the email of a later `test_sentinel` event has arrived, every event stored before it (and every stage or segment
 * event it caused) has been through the journeys. Publishes the sentinel journey once; returns `passSentinel`.
 */
export async function publishSentinelJourney(platform: Platform): Promise<(customerId: string, email: string) => Promise<void>> {
  const template = await platform.client.createTemplate('Sentinel', SENTINEL_SUBJECT, '<p>Sentinel</p>');
  const draft = {
    nodes: [
      { id: 'start', type: 'trigger', event: SENTINEL_EVENT, reentry: { policy: 'always' } },
      { id: 'send', type: 'send_email', templateId: template.id },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
  const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Test sentinel', draft });
  await platform.client.call('POST', `/api/journeys/${journey.id}/publish`);
  return async function passSentinel(customerId, email) {
    await platform.client.track(customerId, SENTINEL_EVENT);
    await platform.waitForMail(email, new RegExp(`^${SENTINEL_SUBJECT}$`));
  };
}
