import type { Context } from 'hono';
import type { AppEnv } from '../appContext';
import { HttpError } from '../errors';
import { route } from './route';
import { Outbox } from '../responses/meta';

async function caughtMessages(c: Context<AppEnv>) {
  const base = c.var.deps.config.mailCatcherUrl;
  if (!base) throw new HttpError(404, 'no_mail_catcher', 'MAIL_CATCHER_URL is not set, so there is no outbox to show');
  let response: Response;
  try {
    response = await fetch(`${base}/messages`, { signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    throw new HttpError(502, 'mail_catcher_unreachable', `the mail catcher at ${base} did not answer: ${(error as Error).message}`);
  }
  if (!response.ok) throw new HttpError(502, 'mail_catcher_error', `the mail catcher answered ${response.status}`);
  const body = (await response.json()) as { messages?: unknown[] };
  return body.messages ?? [];
}

/** The local mail catcher's messages, for the demo outbox. */
export const outboxRoutes = [
  route({ method: 'GET', path: '/api/outbox', role: 'viewer', tag: 'outbox', summary: "The mail catcher's messages", ok: { status: 200, schema: Outbox }, handler: async (c) => c.json({ messages: await caughtMessages(c) }) }),
];
