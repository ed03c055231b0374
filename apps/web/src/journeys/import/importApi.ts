import type { JourneyDiff } from '@lifecycle/journey';
import { ApiError, sendJson } from '../../api/client';

export type ItemMatch = { ref: string; name: string; status: 'new' | 'same' | 'different'; existingId: string | null; differences: string[] };
/** POST /api/journeys/import/preview. */
export type ImportPreview = {
  journey: { name: string; status: 'new' | 'update'; existingId: string | null; diff: JourneyDiff };
  templates: ItemMatch[];
  offers: ItemMatch[];
  segments: { ref: string; name: string; status: 'found' | 'missing'; existingId: string | null }[];
  problems: { path: string; message: string }[];
};
export type ImportResult = { journeyId: string; status: 'created' | 'updated'; templatesCreated: number; offersCreated: number; updated: number };

export const previewImport = (bundle: unknown) => sendJson<ImportPreview>('POST', '/api/journeys/import/preview', bundle);
export const runImport = (bundle: unknown, overwrite: boolean) => sendJson<ImportResult>('POST', `/api/journeys/import?overwrite=${overwrite}`, bundle);

/** What went wrong, each field named: the API's issues (`journey.graph.nodes[2].templateId: …`), else its message. */
export function importErrorLines(error: unknown): string[] {
  if (error instanceof ApiError) {
    const issues = (error.body as { issues?: { path: string; message: string }[] } | null)?.issues ?? [];
    if (issues.length > 0) return issues.slice(0, 10).map((issue) => `${issue.path}: ${issue.message}`);
  }
  return [error instanceof Error ? error.message : String(error)];
}
