import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './appContext';

const apiPrefixes = ['/api/', '/v1/', '/t/', '/u/', '/health'];

/**
 * Serves the built web app from `root` when it exists: files as they are, and index.html for every
 * other GET that is not an API path (the app routes in the browser).
 */
export function serveWebApp(app: Hono<AppEnv>, root: string): boolean {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile, 'utf8');
  const isApi = (path: string) => apiPrefixes.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));
  const files = serveStatic({ root });
  app.use('*', async (c, next) => (c.req.method !== 'GET' || isApi(c.req.path) ? next() : files(c, next)));
  app.get('*', (c, next) => (isApi(c.req.path) ? next() : c.html(indexHtml)));
  return true;
}
