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

/**
 * Paths of fields the answer carries but its schema does not describe. A zod object drops unknown keys when it parses,
 * so they are the keys of the answer missing from the parsed value; without this, an undocumented field passes.
 */
export function undocumentedFields(answer: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(answer) && Array.isArray(parsed)) {
    return answer.flatMap((item, index) => undocumentedFields(item, parsed[index], `${path}[${index}]`));
  }
  if (!isRecord(answer) || !isRecord(parsed)) return [];
  return Object.keys(answer).flatMap((key) => {
    const at = path ? `${path}.${key}` : key;
    return key in parsed ? undocumentedFields(answer[key], parsed[key], at) : [at];
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the route's success answer against `route.ok.schema`; throws (a 500 naming the fields) when it does not match. */
export function responseCheck(route: Route): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const schema = route.ok.schema;
    if (!schema || c.res.status !== route.ok.status || !c.res.headers.get('content-type')?.includes('application/json')) return;
    const answer: unknown = await c.res.clone().json();
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      const fields = issuesOf(parsed.error).map((issue) => `${issue.path || 'body'}: ${issue.message}`).join('; ');
      throw new Error(`${route.method} ${route.path} answered ${c.res.status} with a body its response schema refuses: ${fields}`);
    }
    const undocumented = undocumentedFields(answer, parsed.data);
    if (undocumented.length > 0) {
      throw new Error(`${route.method} ${route.path} answered fields its response schema does not describe: ${undocumented.slice(0, 10).join(', ')}`);
    }
  };
}
