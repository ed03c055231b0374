import { useCallback, useEffect, useRef, useState } from 'react';
import { conflictRevision, saveJourney, type JourneySave } from '../api/journeyEdits';
import { forgetLocal, keepLocally } from './localDraft';

export type SaveStatus =
  | { state: 'saved' | 'pending' | 'saving' }
  | { state: 'failed'; message: string; retryAt: number }
  /** Saved elsewhere (another tab or person) since this tab's revision: autosave stops until the user chooses. */
  | { state: 'conflict'; message: string; currentRevision: number };

const debounceMs = 800;

/** The same journey: a draft just saved by `flush(next)` reaches the editor as a new object with the same content. */
const sameDraft = (a: JourneySave, b: JourneySave | null) => b !== null && a.name === b.name && a.lifecycleStage === b.lifecycleStage && a.draft === b.draft;
const retryMs = 5_000;

export interface AutosaveOptions {
  enabled: boolean;
  /** The first draft came from this browser's copy, not the server. */
  startUnsaved: boolean;
  /** The server revision the first draft is based on. */
  revision: number;
}

/**
 * Saves the draft a moment after each change, based on the revision it was edited from; keeps it in localStorage
 * until the server has it, and on a failed save keeps retrying, so nothing drawn is lost. When the server says the
 * draft was saved elsewhere since, it stops (nothing is overwritten) until `overwrite` is chosen or the page reloads
 * the server's draft. `flush` saves now (before publishing).
 */
export function useAutosave(journeyId: string, save: JourneySave, options: AutosaveOptions) {
  const { enabled, startUnsaved } = options;
  const [status, setStatus] = useState<SaveStatus>({ state: startUnsaved ? 'pending' : 'saved' });
  const latest = useRef(save);
  // A draft restored from this browser is not on the server yet: the first effect run saves it.
  const savedVersion = useRef<JourneySave | null>(startUnsaved ? null : save);
  const revision = useRef(options.revision);
  const conflict = useRef<number | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);

  const run = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    if (conflict.current !== null) return false;
    const sending = latest.current;
    if (sending === savedVersion.current) return true;
    if (sameDraft(sending, savedVersion.current)) {
      savedVersion.current = sending;
      forgetLocal(journeyId);
      setStatus({ state: 'saved' });
      return true;
    }
    setStatus({ state: 'saving' });
    try {
      revision.current = (await saveJourney(journeyId, sending, revision.current)).revision;
      savedVersion.current = sending;
      if (latest.current === sending) {
        forgetLocal(journeyId);
        setStatus({ state: 'saved' });
      } else timer.current = window.setTimeout(() => void run(), debounceMs);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const currentRevision = conflictRevision(error);
      if (currentRevision !== null) {
        conflict.current = currentRevision;
        setStatus({ state: 'conflict', message, currentRevision });
        return false;
      }
      setStatus({ state: 'failed', message, retryAt: Date.now() + retryMs });
      timer.current = window.setTimeout(() => void run(), retryMs);
      return false;
    }
  }, [journeyId]);

  /** Saves now; `next` (a draft the editor is about to show, such as one with Exit steps added) is saved instead. */
  const flush = useCallback(async (next?: JourneySave) => {
    if (next) latest.current = next;
    if (inFlight.current) await inFlight.current;
    inFlight.current = run();
    try {
      return await inFlight.current;
    } finally {
      inFlight.current = null;
    }
  }, [run]);

  /** "Overwrite with mine": saves this tab's draft again, based on the revision the server has now. */
  const overwrite = useCallback(async () => {
    if (conflict.current === null) return flush();
    revision.current = conflict.current;
    conflict.current = null;
    savedVersion.current = null;
    return flush();
  }, [flush]);

  useEffect(() => {
    latest.current = save;
    if (!enabled || save === savedVersion.current || sameDraft(save, savedVersion.current)) return;
    keepLocally(journeyId, { ...save, baseRevision: revision.current, at: new Date().toISOString() });
    if (conflict.current !== null) return; // the user chooses first: nothing is saved over the other draft
    setStatus((old) => (old.state === 'failed' ? old : { state: 'pending' }));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), debounceMs);
  }, [save, enabled, journeyId, flush]);

  useEffect(() => () => window.clearTimeout(timer.current), []);
  return { status, flush, overwrite };
}
