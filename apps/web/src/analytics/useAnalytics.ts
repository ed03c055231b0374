import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson } from '../api/client';
import { analyticsSearch, type AnalyticsParams } from './analyticsParams';

/** One analytics figure from the API (`/api/analytics/...`), refetched when the filters change; the last answer stays shown meanwhile. */
export function useAnalytics<T>(path: string, params: AnalyticsParams, extra: Record<string, string | number | undefined> = {}) {
  const search = analyticsSearch(params, extra);
  return useQuery({ queryKey: ['analytics', path, search], queryFn: () => getJson<T>(`${path}?${search}`), placeholderData: keepPreviousData });
}

/** The CSV export of the same figure. */
export function csvHref(path: string, params: AnalyticsParams, extra: Record<string, string | number | undefined> = {}): string {
  return `${path}.csv?${analyticsSearch(params, extra)}`;
}
