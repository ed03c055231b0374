import { welcomeJourney } from '../../packages/journey/src/examples';
import { waitFor } from '../support/processes';

export type Credentials = { email: string; password: string };

async function request<T>(baseUrl: string, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<{ data: T; response: Response }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return { data: (text ? JSON.parse(text) : undefined) as T, response };
}

/**
 * Signs in as a browser would (cookie + CSRF token), then creates a marketer API token the way an
 * automation would be set up; management calls use that token.
 */
export async function apiTokenFor(baseUrl: string, admin: Credentials, role: 'marketer' | 'admin' = 'marketer'): Promise<string> {
  const signIn = await request<{ csrfToken: string }>(baseUrl, 'POST', '/api/session', admin, {});
  const cookie = (signIn.response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const session = { cookie, 'x-csrf-token': signIn.data.csrfToken };
  const created = await request<{ token: string }>(baseUrl, 'POST', '/api/tokens', { name: `e2e-${role}`, role }, session);
  return created.data.token;
}

/** A thin HTTP client for the management and ingest APIs, as a marketer's script would use them. */
export function journeyClient(baseUrl: string, writeKey: string, admin: Credentials) {
  const basic = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  let token: Promise<string> | undefined;

  /** Calls the API; management calls carry the API token unless `headers` bring their own Authorization. */
  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const auth = headers.authorization ?? `Bearer ${await (token ??= apiTokenFor(baseUrl, admin))}`;
    return (await request<T>(baseUrl, method, path, body, { ...headers, authorization: auth })).data;
  }

  return {
    call,
    createTemplate: (name: string, subject: string, html: string) =>
      call<{ id: string }>('POST', '/api/templates', { name, subject, html, text: null }),
    createOffer: (name: string) =>
      call<{ id: string }>('POST', '/api/offers', { name, codeSource: 'generated', codePrefix: name }),
    /** Creates and publishes the welcome journey of issue 2; returns the journey id. */
    async publishWelcomeJourney(): Promise<string> {
      const welcome = await this.createTemplate('Welcome', 'Welcome, {{ customer.traits.firstName | default: "friend" }}', '<p>Welcome aboard! <a href="https://example.com/start">Get started</a></p>');
      const code = await this.createTemplate('Code', 'Your code {{ offer.code }}', '<p>Here is your code: <b>{{ offer.code }}</b></p>');
      const reminder = await this.createTemplate('Reminder', 'Did you see this?', '<p>We sent you a welcome note.</p>');
      const offer = await this.createOffer('WELCOME10');
      const draft = welcomeJourney({ welcomeTemplateId: welcome.id, codeTemplateId: code.id, reminderTemplateId: reminder.id, offerId: offer.id });
      const journey = await call<{ id: string }>('POST', '/api/journeys', { name: 'Welcome series', lifecycleStage: 'onboarding', draft });
      await call('POST', `/api/journeys/${journey.id}/publish`);
      return journey.id;
    },
    identify: (userId: string, traits: Record<string, unknown>) => call('POST', '/v1/identify', { userId, traits }, { authorization: basic }),
    track: (userId: string, event: string, properties: Record<string, unknown> = {}) =>
      call('POST', '/v1/track', { userId, event, properties }, { authorization: basic }),
    runsOf: (journeyId: string) =>
      call<{ runs: { workflowId: string; customerId: string; status: string; currentNodeId: string | null }[] }>('GET', `/api/runs?journeyId=${journeyId}&limit=200`),
    /**
     * Waits until the API's applier has counted every stored event into the analytics (the dashboard's "Events not yet
     * in analytics"): an analytics page loaded before then shows figures short of what was sent, and does not refetch.
     */
    analyticsCounted: (timeoutMs = 120_000) =>
      waitFor(async () => (await call<{ analytics: { pending: number } }>('GET', '/api/dashboard')).analytics.pending === 0, {
        timeoutMs,
        intervalMs: 250,
        description: 'every stored event counted in the analytics',
      }),
    run: (workflowId: string) =>
      call<{
        run: { status: string; currentNodeId: string | null };
        steps: { nodeId: string; exit: string | null; outcome: string | null }[];
        deliveries: { nodeId: string; status: string; subject: string | null; html: string | null }[];
      }>(
        'GET',
        `/api/runs/${encodeURIComponent(workflowId)}`,
      ),
  };
}
