import { JourneyDraft } from '@lifecycle/journey';
import { z } from 'zod';

/**
 * A draft kept in this browser until the server has it, with the server revision it was edited from (so restoring it
 * cannot overwrite a newer save from another tab; older copies without one are treated as revision 0: a conflict).
 */
export const LocalDraft = z.object({
  name: z.string(),
  lifecycleStage: z.string().nullable(),
  draft: JourneyDraft,
  baseRevision: z.number().int().default(0),
  at: z.string(),
});
export type LocalDraft = z.infer<typeof LocalDraft>;

const key = (journeyId: string) => `lifecycle:unsaved-draft:${journeyId}`;

export function keepLocally(journeyId: string, draft: z.input<typeof LocalDraft>): void {
  try {
    localStorage.setItem(key(journeyId), JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the draft is still in memory and the banner says it isn't saved.
  }
}

/** The unsaved draft of this journey, if this browser holds one newer than `savedAt`. */
export function readLocal(journeyId: string, savedAt: string): LocalDraft | null {
  try {
    const parsed = LocalDraft.safeParse(JSON.parse(localStorage.getItem(key(journeyId)) ?? 'null'));
    return parsed.success && parsed.data.at > savedAt ? parsed.data : null;
  } catch {
    return null;
  }
}

export function forgetLocal(journeyId: string): void {
  localStorage.removeItem(key(journeyId));
}
