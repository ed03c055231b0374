/** What the fuzz run authenticates with: an admin API token, or why there is none (an API without accounts yet). */
export type AdminToken = { token: string; protectedIds: string[]; reason: null } | { token: null; protectedIds: []; reason: string };

function sessionCookie(response: Response): string {
  // Only the name=value part of each cookie goes back to the server.
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** Every `lc_…` string in a JSON body. */
function lcStrings(body: unknown, into: string[] = []): string[] {
  if (typeof body === 'string' && body.startsWith('lc_')) into.push(body);
  else if (typeof body === 'object' && body !== null) for (const value of Object.values(body)) lcStrings(value, into);
  return into;
}

/** The token in POST /api/tokens' answer: its longest `lc_…` string (the answer also holds the short display prefix). */
function findToken(body: unknown): string | null {
  return lcStrings(body).sort((a, b) => b.length - a.length)[0] ?? null;
}

/** Every `id` in a JSON body: the admin user's and the token's, which the fuzz run must not delete. */
function idsIn(body: unknown, into: string[] = []): string[] {
  if (typeof body !== 'object' || body === null) return into;
  for (const [key, value] of Object.entries(body)) {
    if (key === 'id' && typeof value === 'string') into.push(value);
    else idsIn(value, into);
  }
  return into;
}

async function jsonOf(response: Response): Promise<unknown> {
  return response.json().catch(() => null);
}

/** Signs in with POST /api/session and creates an admin token with POST /api/tokens (sending the session's CSRF token). */
export async function adminToken(apiUrl: string, admin: { email: string; password: string }): Promise<AdminToken> {
  const session = await fetch(`${apiUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const sessionBody = (await jsonOf(session)) as { csrfToken?: string } | null;
  if (session.status === 404) return { token: null, protectedIds: [], reason: 'POST /api/session does not exist (no accounts yet)' };
  if (!session.ok) throw new Error(`sign-in failed: ${session.status} ${JSON.stringify(sessionBody)}`);
  const csrf = sessionBody?.csrfToken ?? session.headers.get('x-csrf-token') ?? '';
  const created = await fetch(`${apiUrl}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: sessionCookie(session), 'x-csrf-token': csrf },
    body: JSON.stringify({ name: `fuzz ${new Date().toISOString()}`, role: 'admin' }),
  });
  const createdBody = await jsonOf(created);
  if (created.status === 404) return { token: null, protectedIds: [], reason: 'POST /api/tokens does not exist yet' };
  const token = findToken(createdBody);
  if (!created.ok || !token) throw new Error(`creating the API token failed: ${created.status} ${JSON.stringify(createdBody)}`);
  return { token, protectedIds: [...idsIn(sessionBody), ...idsIn(createdBody)], reason: null };
}
