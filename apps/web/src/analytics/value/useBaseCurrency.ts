import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../api/client';

/** The base currency of the analytics settings (money outside the Analytics area, e.g. the customers list's CLV). */
export function useBaseCurrency(): string {
  const settings = useQuery({ queryKey: ['analytics', 'settings', 'baseCurrency'], queryFn: () => getJson<{ revenue: { baseCurrency: string } }>('/api/analytics/settings'), staleTime: 60_000 });
  return settings.data?.revenue.baseCurrency ?? 'USD';
}
