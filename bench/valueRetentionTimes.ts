import { builtEarlier } from './analytics/build';
import { benchToken, startBenchApi } from './analytics/ingestRatio';
import { analyticsGetRoutes } from './analytics/routeTimes';
import { urlFor } from './analytics/routeParams';
import { sizesFor } from './analytics/sizes';

// Times only the value, acquisition and retention routes on a kept bench file (the whole bench times every route,
// which at 1M takes long while other slices are still slow): p50/p95 of N sequential requests per route and filter.
// `node --import tsx bench/valueRetentionTimes.ts FILE [requests] [path filter]`
const file = process.argv[2];
if (!file) throw new Error('usage: valueRetentionTimes.ts FILE [requests] [path filter]');
const requests = Number(process.argv[3] ?? 10);
const only = process.argv[4] ?? '';
const data = await builtEarlier(file, sizesFor(1));
const pattern = /^\/api\/analytics\/(value|acquisition|retention)\//;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;

const api = await startBenchApi(file, 'on');
try {
  const token = await benchToken(api);
  for (const route of analyticsGetRoutes().filter((r) => pattern.test(r.path) && !r.path.endsWith('.csv') && r.path.includes(only))) {
    const variants: [string, Record<string, string>][] = [['all', {}], ['segment', { segment: data.segmentId }], ['channel', { channel: data.channel }], ['both', { segment: data.segmentId, channel: data.channel }]];
    const extras: Record<string, string>[] = route.path.endsWith('/cohorts') ? [{}, { cohortBy: 'event', event: 'purchase' }] : route.path.endsWith('/clv') ? [{ by: 'cohort' }, { by: 'channel' }, { by: 'stage' }, { by: 'segment' }] : [{}];
    for (const extra of extras) {
      for (const [label, filter] of variants) {
        const url = urlFor(route, data, 180, { ...extra, ...filter });
        if (label !== 'all' && !/[?&](segment|channel)=/.test(url)) continue;
        const times: number[] = [];
        let failure = '';
        for (let i = 0; i < requests; i++) {
          const began = performance.now();
          const response = await fetch(`${api.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
          const body = await response.text();
          times.push(performance.now() - began);
          if (!response.ok) {
            failure = `${response.status} ${body.slice(0, 200)}`;
            break;
          }
        }
        times.sort((a, b) => a - b);
        const name = `${route.path}${Object.keys(extra).length ? ` ${new URLSearchParams(extra).toString()}` : ''} [${label}]`;
        console.log(`${name.padEnd(80)} p50 ${quantile(times, 0.5).toFixed(0).padStart(6)} ms  p95 ${quantile(times, 0.95).toFixed(0).padStart(6)} ms${failure ? ` FAILED ${failure}` : ''}`);
      }
    }
  }
} finally {
  await api.stop();
}
