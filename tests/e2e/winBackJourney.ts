import type { journeyClient } from './journeyClient';
import { oneEmailJourney } from './oneEmailJourney';

/** The subject of the win-back journey's email to `customerId`. */
export const winBackSubject = (customerId: string) => `We miss you, ${customerId}`;

/**
 * Publishes "entered the at_risk stage → send 'We miss you, <customer id>'", entered again on every such stage change
 * (re-entry `always`): a customer moved to at_risk twice would get two runs and two emails. Returns its id.
 */
export async function publishWinBackJourney(client: ReturnType<typeof journeyClient>): Promise<string> {
  const template = await client.createTemplate('Win back', 'We miss you, {{ customer.id }}', '<p>It has been a while.</p>');
  const draft = oneEmailJourney('stage_entered', 'stage', 'at_risk', template.id, 'always');
  const journey = await client.call<{ id: string }>('POST', '/api/journeys', { name: 'Win back', draft });
  await client.call('POST', `/api/journeys/${journey.id}/publish`);
  return journey.id;
}

/**
 * An identify with an email and a first purchase, both `daysAgo` days ago, as one /v1/batch: the purchase rule moves
 * the customer to retention as it is stored, and their last activity is that long ago.
 */
export function lastSeenLongAgo(customerId: string, daysAgo: number) {
  const timestamp = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  return {
    batch: [
      { type: 'identify', userId: customerId, traits: { email: `${customerId}@example.com` }, timestamp },
      { type: 'track', userId: customerId, event: 'purchase', properties: { total: 10 }, timestamp },
    ],
  };
}
