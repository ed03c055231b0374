import { timingSafeEqual } from 'node:crypto';
import { HttpError } from '../errors';
import { monitorConfig } from '../observability/monitorConfig';
import { metricsText } from '../services/metrics';
import { route } from './route';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Prometheus scrape endpoint; open unless METRICS_TOKEN is set, then it wants that bearer token. */
export const metricsRoutes = [
  route({
    method: 'GET', path: '/metrics', role: 'public', tag: 'meta', summary: 'Prometheus metrics (bearer METRICS_TOKEN when set)', ok: { status: 200, type: 'text/plain' },
    handler: async (c) => {
      const config = monitorConfig();
      if (config.metricsToken) {
        const given = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
        if (!sameToken(given, config.metricsToken)) throw new HttpError(401, 'unauthorized', 'GET /metrics needs the metrics bearer token');
      }
      const text = await metricsText(c.var.deps.db, config.workerHealthUrl);
      return c.body(text, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    },
  }),
];
