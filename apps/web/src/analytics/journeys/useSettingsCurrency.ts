import { useQuery } from '@tanstack/react-query';
import type { AnalyticsSettings } from '@lifecycle/journey';
import { getJson } from '../../api/client';

/** The base currency revenue is shown in (the analytics settings'; USD until they are loaded). */
export function useSettingsCurrency(): string {
  const settings = useQuery({ queryKey: ['analytics-settings', 'currency'], queryFn: () => getJson<AnalyticsSettings>('/api/analytics/settings') });
  return settings.data?.revenue.baseCurrency ?? 'USD';
}
