import type { SaveStatus } from './useAutosave';

/** A quiet "Saved" / "Saving…", or a clear banner when saving failed (the draft is safe in this browser, retrying). */
export function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  if (status.state !== 'failed') {
    const text = { saved: 'All changes saved', pending: 'Unsaved changes…', saving: 'Saving…' }[status.state];
    return (
      <span className="save-status" role="status" data-save-state={status.state}>
        {text}
      </span>
    );
  }
  return (
    <div className="banner banner-error save-failed" role="alert" data-save-state="failed">
      <strong>Could not save the draft.</strong> {status.message}. Your changes are kept in this browser and will be retried every few seconds.{' '}
      <button type="button" className="button button-small" onClick={onRetry}>
        Retry now
      </button>
    </div>
  );
}
