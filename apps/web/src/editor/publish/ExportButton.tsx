import { useState } from 'react';
import { downloadBundle } from './publishApi';

/**
 * Downloads the journey as code (a .json bundle with its templates and offers, refs by name), after saving the
 * draft being edited so the file holds what is on screen. `flush` is null for a reader (nothing to save).
 */
export function ExportButton({ journeyId, flush }: { journeyId: string; flush: (() => Promise<boolean>) | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const exportNow = async () => {
    setError(null);
    setBusy(true);
    try {
      if (flush && !(await flush())) throw new Error('The draft could not be saved, so it was not exported.');
      await downloadBundle(journeyId);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button" disabled={busy} onClick={() => void exportNow()} title="Download this journey with its templates and offers as one JSON file (journeys as code)">
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </>
  );
}
