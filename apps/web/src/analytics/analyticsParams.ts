/** The filters of the Analytics area, kept in the URL so a view can be shared and reloaded. */
export type AnalyticsParams = { from: string; to: string; interval: 'day' | 'week' | 'month'; segment: string; channel: string };

export const ANALYTICS_TABS = ['stages', 'retention', 'value', 'acquisition', 'surveys', 'health', 'journeys', 'experiments', 'settings'] as const;
export type AnalyticsTab = (typeof ANALYTICS_TABS)[number];

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Reads the filters from the hash's query; missing ones get the API's defaults (the last 90 days, by week). */
export function readAnalyticsParams(query: URLSearchParams, now = new Date()): AnalyticsParams {
  const to = query.get('to') || isoDay(now);
  const from = query.get('from') || isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - 90 * 86_400_000));
  const interval = query.get('interval');
  return {
    from,
    to,
    interval: interval === 'day' || interval === 'month' ? interval : 'week',
    segment: query.get('segment') ?? '',
    channel: query.get('channel') ?? '',
  };
}

/** The query string the API takes for these filters (empty ones left out), plus any extra parameters of a figure. */
export function analyticsSearch(params: AnalyticsParams, extra: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...extra })) if (value !== undefined && value !== '') search.set(key, String(value));
  return search.toString();
}
