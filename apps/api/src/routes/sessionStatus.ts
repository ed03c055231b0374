import { z } from 'zod';
import { authenticate } from '../auth/authenticate';
import { HttpError } from '../errors';
import { route } from './route';

export const SessionStatus = z.object({ signedIn: z.boolean().describe('true when the cookie or API token names a live session or token') });
export type SessionStatus = z.infer<typeof SessionStatus>;

/**
 * Whether anyone is signed in, answered 200 either way: the web app asks this first, so opening the sign-in page does
 * not log a failed (401) request in the browser console; GET /api/session then returns the user and CSRF token.
 */
export const sessionStatusRoutes = [
  route({
    method: 'GET', path: '/api/session/status', role: 'public', tag: 'session', summary: 'Whether the caller is signed in (never 401)', ok: { status: 200, schema: SessionStatus },
    handler: async (c) => {
      try {
        await authenticate(c);
        return c.json({ signedIn: true });
      } catch (error) {
        if (error instanceof HttpError && error.status === 401) return c.json({ signedIn: false });
        throw error;
      }
    },
  }),
];
