import { useQuery } from '@tanstack/react-query';
import type { SegmentGroup } from '@lifecycle/journey';
import { getJson, sendJson } from './client';

/** A saved segment; `size` only in the list. */
export interface Segment {
  id: string;
  name: string;
  description: string | null;
  definition: SegmentGroup;
  size?: number;
  updatedAt: string;
}

export type SegmentPreview = { size: number; sample: { id: string; email: string | null; lifecycleStage: string | null }[] };

export function useSegments() {
  return useQuery({ queryKey: ['segments'], queryFn: async () => (await getJson<{ segments: Segment[] }>('/api/segments')).segments });
}

export function useSegment(id: string | null) {
  return useQuery({ queryKey: ['segment', id], enabled: id !== null, queryFn: () => getJson<Segment>(`/api/segments/${encodeURIComponent(id ?? '')}`) });
}

export function saveSegment(id: string | null, input: { name: string; description: string | null; definition: SegmentGroup }) {
  return id === null ? sendJson<Segment>('POST', '/api/segments', input) : sendJson<Segment>('PUT', `/api/segments/${encodeURIComponent(id)}`, input);
}

export function deleteSegment(id: string) {
  return sendJson<null>('DELETE', `/api/segments/${encodeURIComponent(id)}`);
}

export function previewSegment(definition: SegmentGroup) {
  return sendJson<SegmentPreview>('POST', '/api/segments/preview', { definition, sample: 10 });
}
