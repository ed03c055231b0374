import { useQuery } from '@tanstack/react-query';
import { getJson, listFrom } from './client';

/** A row of GET /api/templates. */
export interface TemplateSummary {
  id: string;
  name: string;
  subject: string;
  createdAt: string;
  updatedAt: string;
}

export function useTemplates() {
  return useQuery({
    queryKey: ['templates'],
    queryFn: async () => listFrom<TemplateSummary>(await getJson('/api/templates'), 'templates'),
  });
}
