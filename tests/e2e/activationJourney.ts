import type { journeyClient } from './journeyClient';

/**
 * Publishes "signed_up → wait up to a day for `activated` (counted since the run started) → grant a code from a pool →
 * send 'Welcome aboard, <customer id>' with the code", the journey the multi-process tests run. Returns its id.
 */
export async function publishActivationJourney(client: ReturnType<typeof journeyClient>, name: string, pool: readonly string[]): Promise<string> {
  const welcome = await client.createTemplate('Activated', 'Welcome aboard, {{ customer.id }}', '<p>You are all set. Your code: <b>{{ offer.code }}</b></p>');
  const offer = await client.call<{ id: string }>('POST', '/api/offers', { name: `${name} gift`, codeSource: 'pool' });
  await client.call('POST', `/api/offers/${offer.id}/codes`, { codes: pool });
  const draft = {
    nodes: [
      { id: 'signup', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } },
      { id: 'activated', type: 'wait_for_event', awaited: { kind: 'event', event: 'activated', countFrom: { from: 'run_start' } }, timeout: { amount: 1, unit: 'days' } },
      { id: 'gift', type: 'offer', offerId: offer.id },
      { id: 'send_welcome', type: 'send_email', templateId: welcome.id },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'signup', sourceExit: 'next', target: 'activated' },
      { id: 'e2', source: 'activated', sourceExit: 'matched', target: 'gift' },
      { id: 'e3', source: 'activated', sourceExit: 'timed_out', target: 'done' },
      { id: 'e4', source: 'gift', sourceExit: 'next', target: 'send_welcome' },
      { id: 'e5', source: 'send_welcome', sourceExit: 'next', target: 'done' },
    ],
  };
  const journey = await client.call<{ id: string }>('POST', '/api/journeys', { name, draft });
  await client.call('POST', `/api/journeys/${journey.id}/publish`);
  return journey.id;
}

/** What an API process says it does with stored events (GET /health): 'dispatching' or 'standby'. */
export async function dispatchRole(apiUrl: string): Promise<string> {
  return ((await (await fetch(`${apiUrl}/health`)).json()) as { dispatch: string }).dispatch;
}
