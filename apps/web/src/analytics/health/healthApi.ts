import { useQuery } from '@tanstack/react-query';
import type { HealthRule, HealthSettings } from '@lifecycle/journey';
import { getJson, sendJson } from '../../api/client';
import type { HealthBand } from './bands';

export type { HealthRule, HealthSettings };

/** GET /api/customers/:id/health. */
export type CustomerHealthAnswer = {
  customerId: string;
  current: { score: number; band: HealthBand; computedAt: string } | null;
  why: { score: number; band: HealthBand; rules: { label: string; kind: string; weight: number; points: number; seen: string }[] } | null;
  bands: { healthyFrom: number; atRiskFrom: number };
  history: { score: number; band: HealthBand; from: HealthBand | null; at: string }[];
};

const SETTINGS_PATH = '/api/analytics/health/settings';

export function useHealthSettings() {
  return useQuery({ queryKey: ['health-settings'], queryFn: () => getJson<HealthSettings>(SETTINGS_PATH) });
}

export function saveHealthSettings(settings: HealthSettings): Promise<HealthSettings> {
  return sendJson<HealthSettings>('PUT', SETTINGS_PATH, settings);
}

export function useCustomerHealth(customerId: string) {
  return useQuery({ queryKey: ['customer-health', customerId], queryFn: () => getJson<CustomerHealthAnswer>(`/api/customers/${encodeURIComponent(customerId)}/health`) });
}
