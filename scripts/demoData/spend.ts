import type { DemoApi } from './api';
import { DEMO_CHANNELS } from './history';
import type { seededRandom } from './random';

const SPEND_PATH = '/api/analytics/acquisition/spend';

/** Monthly acquisition spend per paid channel over the demo's months; skipped with a message where the route is missing. */
export async function enterSpend(api: DemoApi, random: ReturnType<typeof seededRandom>, months: string[]): Promise<string> {
  let stored = 0;
  for (const month of months) {
    for (const channel of DEMO_CHANNELS.filter((name) => name !== 'referral')) {
      const amount = Math.round(500 + random() * 4500);
      const answer = await api.call<unknown>('PUT', SPEND_PATH, { month, channel, amount });
      if (answer.status === 404 || answer.status === 405) return `skipped acquisition spend: ${SPEND_PATH} is not on this API (HTTP ${answer.status})`;
      if (answer.status !== 200 && answer.status !== 201) return `stopped acquisition spend after ${stored} rows: HTTP ${answer.status} ${JSON.stringify(answer.data)}`;
      stored++;
    }
  }
  return `${stored} acquisition spend rows (${months[0]} to ${months.at(-1)}, ${DEMO_CHANNELS.length - 1} paid channels)`;
}

/** "2026-08" … the current month. */
export function monthsSince(start: number, now: number): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth(), 1));
  while (cursor.getTime() <= now) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}
