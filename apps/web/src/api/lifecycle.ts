import { useQuery } from '@tanstack/react-query';
import type { LifecycleConfig } from '@lifecycle/journey';
import { getJson, sendJson } from './client';

export function useLifecycleConfig() {
  return useQuery({ queryKey: ['lifecycle-stages'], queryFn: () => getJson<LifecycleConfig>('/api/lifecycle/stages') });
}

export function saveLifecycleConfig(config: LifecycleConfig) {
  return sendJson<LifecycleConfig>('PUT', '/api/lifecycle/stages', config);
}
