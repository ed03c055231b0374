import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../appContext';
import { HttpError } from '../errors';
import { authenticate } from './authenticate';
import { atLeast, type Access } from './roles';
import { sameSecret } from './secrets';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Enforces a route's access: public and write-key routes pass through (ingest checks its key itself);
 * others need a principal of at least that role, and a session's state-changing requests its CSRF token.
 */
export function authorize(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('principal', undefined);
    if (access === 'public' || access === 'writeKey') return next();
    const principal = await authenticate(c);
    if (principal.kind === 'session' && !safeMethods.has(c.req.method)) {
      const sent = c.req.header('x-csrf-token');
      if (!sent || !sameSecret(sent, principal.session.csrfToken)) {
        throw new HttpError(403, 'csrf', 'send the X-CSRF-Token header you got at sign-in (GET /api/session returns it too)');
      }
    }
    if (!atLeast(principal.role, access)) throw new HttpError(403, 'forbidden', `this needs the ${access} role; you are ${principal.role}`);
    c.set('principal', principal);
    await next();
  };
}
