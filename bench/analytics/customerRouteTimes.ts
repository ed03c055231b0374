import { report } from '../figures';
import type { BuiltData } from './build';
import { customerId } from './customers';
import { quantile, timeUrl } from './routeTimes';

/**
 * The analytics a marketer meets outside the Analytics area (issue 11, items 3 and 6): the customers list sorted by
 * CLV and filtered by health band, alone and with a segment, and one customer's value, health and survey answers.
 * Timed like the analytics routes (p95 of sequential requests, the first one included).
 */
export function customerAnalyticsUrls(data: BuiltData): [string, string][] {
  const someone = customerId(Math.max(1, Math.floor(data.customers / 2)));
  const segment = encodeURIComponent(data.segmentId);
  return [
    ['customers by CLV', '/api/customers?sort=clv'],
    ['customers by CLV in a segment', `/api/customers?sort=clv&segmentId=${segment}`],
    ['customers at risk', '/api/customers?health=at_risk'],
    ['customers critical, by CLV', '/api/customers?health=critical&sort=clv'],
    ['customers at risk in a segment', `/api/customers?health=at_risk&segmentId=${segment}`],
    ['a customer: value', `/api/customers/${someone}/value`],
    ['a customer: health', `/api/customers/${someone}/health`],
    ['a customer: surveys', `/api/customers/${someone}/surveys`],
  ];
}

export async function timeCustomerAnalytics(baseUrl: string, token: string, data: BuiltData): Promise<{ lines: string[]; worstP95: number }> {
  const lines: string[] = [];
  let worstP95 = 0;
  console.log('\ntiming the customers list and profile analytics');
  for (const [label, url] of customerAnalyticsUrls(data)) {
    const { times, failure } = await timeUrl(baseUrl, token, url);
    if (failure) {
      lines.push(report(label, Number.NaN, 'ms p95', `FAILED ${failure} (${url})`));
      worstP95 = Number.POSITIVE_INFINITY; // a route that fails is not under the target
      continue;
    }
    const p95 = quantile(times, 0.95);
    worstP95 = Math.max(worstP95, p95);
    console.log(`  ${label} p95 ${p95.toFixed(0)} ms, p50 ${quantile(times, 0.5).toFixed(0)} ms`);
    lines.push(report(label, p95, 'ms p95', `p50 ${quantile(times, 0.5).toFixed(1)} ms; ${url}; target < 1000 ms p95${p95 >= 1000 ? ' — OVER' : ''}`));
  }
  return { lines, worstP95 };
}
