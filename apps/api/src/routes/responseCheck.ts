import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../appContext';
import { issuesOf } from '../errors';
import type { Route } from './route';

/**
 * Under Vitest every success answer of a route is parsed with the route's response schema, so each API test (and
 * the OpenAPI document's promise) fails the moment a handler answers something its schema does not describe.
 * Off in production: the check costs a parse per answer and a mismatch there is a bug to find in tests, not a 500.
 */
export const checkResponses = process.env.VITEST !== undefined;

/** Checks the route's success answer against `route.ok.schema`; throws (a 500 naming the fields) when it does not match. */
export function responseCheck(route: Route): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const schema = route.ok.schema;
    if (!schema || c.res.status !== route.ok.status || !c.res.headers.get('content-type')?.includes('application/json')) return;
    const parsed = schema.safeParse(await c.res.clone().json());
    if (!parsed.success) {
      const fields = issuesOf(parsed.error).map((issue) => `${issue.path || 'body'}: ${issue.message}`).join('; ');
      throw new Error(`${route.method} ${route.path} answered ${c.res.status} with a body its response schema refuses: ${fields}`);
    }
  };
}
