import { routeTable } from '../../apps/api/src/routes/table';
import { report } from '../figures';
import type { BuiltData } from './build';
import { urlFor } from './routeParams';

const REQUESTS = Number(process.env.BENCH_ROUTE_REQUESTS ?? 20);
// Times only the routes whose path contains this text (e.g. `stages/`), to time again what a change touched.
const ONLY = process.env.BENCH_ROUTE_MATCH ?? '';

export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** Every GET route under /api/analytics/ in the route table, so figures added later are timed without touching the bench. */
export function analyticsGetRoutes() {
  return routeTable.filter((route) => route.method === 'GET' && route.path.startsWith('/api/analytics/') && route.path.includes(ONLY));
}

export async function timeUrl(baseUrl: string, token: string, url: string): Promise<{ times: number[]; failure: string | null }> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const began = performance.now();
    const response = await fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.text();
    times.push(performance.now() - began);
    if (!response.ok) return { times, failure: `${response.status} ${body.slice(0, 200)}` };
  }
  return { times: times.sort((a, b) => a - b), failure: null };
}

/**
 * p50 and p95 of `REQUESTS` sequential requests per route (the first one included: a cold cache is part of a
 * page view), over the whole built period, and again filtered by segment, by channel and by both. CSV exports are timed apart.
 */
export async function timeAnalyticsRoutes(baseUrl: string, token: string, data: BuiltData, days: number): Promise<{ lines: string[]; worstP95: number }> {
  const lines: string[] = [];
  let worstP95 = 0;
  const routes = analyticsGetRoutes();
  console.log(`\ntiming ${routes.length} GET routes under /api/analytics/ (${REQUESTS} requests each)`);
  for (const route of routes) {
    // Each filter alone as well as both: the page lets a marketer pick either, and one alone selects more customers.
    const variants: [string, Record<string, string>][] = route.path.endsWith('.csv')
      ? [['csv', {}]]
      : [['all', {}], ['segment', { segment: data.segmentId }], ['channel', { channel: data.channel }], ['segment+channel', { segment: data.segmentId, channel: data.channel }]];
    for (const [label, extra] of variants) {
      const url = urlFor(route, data, days, extra);
      if (label !== 'all' && label !== 'csv' && !/[?&](segment|channel)=/.test(url)) continue;
      const { times, failure } = await timeUrl(baseUrl, token, url);
      if (failure) {
        lines.push(report(`${route.path} [${label}]`, Number.NaN, 'ms p95', `FAILED ${failure} (${url})`));
        worstP95 = Number.POSITIVE_INFINITY; // a route that fails is not under the target
        continue;
      }
      const p95 = quantile(times, 0.95);
      worstP95 = Math.max(worstP95, p95);
      // Printed as it goes too: a scale-1 run takes many minutes.
      console.log(`  ${route.path} [${label}] p95 ${p95.toFixed(0)} ms, p50 ${quantile(times, 0.5).toFixed(0)} ms`);
      lines.push(report(`${route.path} [${label}]`, p95, 'ms p95', `p50 ${quantile(times, 0.5).toFixed(1)} ms; target < 1000 ms p95${p95 >= 1000 ? ' — OVER' : ''}`));
    }
  }
  return { lines, worstP95 };
}
