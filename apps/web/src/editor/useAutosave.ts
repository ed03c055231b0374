import { useCallback, useEffect, useRef, useState } from 'react';
import { saveJourney, type JourneySave } from '../api/journeyEdits';
import { forgetLocal, keepLocally } from './localDraft';

export type SaveStatus = { state: 'saved' | 'pending' | 'saving' } | { state: 'failed'; message: string; retryAt: number };

const debounceMs = 800;
const retryMs = 5_000;

/**
 * Saves the draft a moment after each change; keeps it in localStorage until the server has it, and on a failed
 * save keeps retrying, so nothing drawn is lost. `flush` saves now (before publishing). `startUnsaved`: the first draft
 * came from this browser's copy, not the server.
 */
export function useAutosave(journeyId: string, save: JourneySave, enabled: boolean, startUnsaved = false) {
  const [status, setStatus] = useState<SaveStatus>({ state: startUnsaved ? 'pending' : 'saved' });
  const latest = useRef(save);
  // A draft restored from this browser is not on the server yet: the first effect run saves it.
  const savedVersion = useRef<JourneySave | null>(startUnsaved ? null : save);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);

  const run = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    const sending = latest.current;
    if (sending === savedVersion.current) return true;
    setStatus({ state: 'saving' });
    try {
      await saveJourney(journeyId, sending);
      savedVersion.current = sending;
      if (latest.current === sending) {
        forgetLocal(journeyId);
        setStatus({ state: 'saved' });
      } else timer.current = window.setTimeout(() => void run(), debounceMs);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setStatus({ state: 'failed', message, retryAt: Date.now() + retryMs });
      timer.current = window.setTimeout(() => void run(), retryMs);
      return false;
    }
  }, [journeyId]);

  const flush = useCallback(async () => {
    if (inFlight.current) await inFlight.current;
    inFlight.current = run();
    try {
      return await inFlight.current;
    } finally {
      inFlight.current = null;
    }
  }, [run]);

  useEffect(() => {
    latest.current = save;
    if (!enabled || save === savedVersion.current) return;
    keepLocally(journeyId, { ...save, at: new Date().toISOString() });
    setStatus((old) => (old.state === 'failed' ? old : { state: 'pending' }));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), debounceMs);
  }, [save, enabled, journeyId, flush]);

  useEffect(() => () => window.clearTimeout(timer.current), []);
  return { status, flush };
}
