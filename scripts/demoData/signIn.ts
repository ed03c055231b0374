import type { DemoOptions } from './options';

type Json = Record<string, unknown>;

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ response: Response; data: Json }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const data = (await response.json().catch(() => ({}))) as Json;
  return { response, data };
}

/**
 * An API token to fill the install with, the way the README's walkthrough gets one: LIFECYCLE_TOKEN as given;
 * else create the first admin with the setup link start.sh printed (SETUP_LINK / --setup-link), or sign in as
 * ADMIN_EMAIL / ADMIN_PASSWORD (the README's admin by default), and make an admin token with that session.
 */
export async function apiToken(options: DemoOptions): Promise<string> {
  if (options.token) return options.token;
  const admin = { email: options.adminEmail, password: options.adminPassword };
  const setupToken = options.setupLink?.split('/setup/')[1];
  const signIn = setupToken ? await post(`${options.api}/api/setup`, { token: setupToken, ...admin }) : await post(`${options.api}/api/session`, admin);
  if (!signIn.response.ok) {
    throw new Error(
      `signing in as ${admin.email} failed (${signIn.response.status} ${JSON.stringify(signIn.data)}). Give the setup link start.sh printed (SETUP_LINK=… pnpm demo-data), ` +
        'or ADMIN_EMAIL and ADMIN_PASSWORD of an admin, or LIFECYCLE_TOKEN (an admin API token).',
    );
  }
  const cookie = (signIn.response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await post(`${options.api}/api/tokens`, { name: `demo-data ${new Date().toISOString()}`, role: 'admin' }, { cookie, 'x-csrf-token': typeof signIn.data.csrfToken === 'string' ? signIn.data.csrfToken : '' });
  if (!created.response.ok || typeof created.data.token !== 'string') throw new Error(`creating an API token failed: ${created.response.status} ${JSON.stringify(created.data)}`);
  return created.data.token;
}
