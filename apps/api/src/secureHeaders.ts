import type { MiddlewareHandler } from 'hono';

/** The web app loads only its own scripts; React Flow positions nodes with inline styles, hence style-src 'unsafe-inline'. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Security headers on every answer, the web app's and the API's. */
export function secureHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('content-security-policy', CONTENT_SECURITY_POLICY);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    c.header('x-frame-options', 'DENY');
    c.header('cross-origin-opener-policy', 'same-origin');
    if (c.var.deps?.config.publicUrl.startsWith('https:')) c.header('strict-transport-security', 'max-age=31536000');
  };
}
