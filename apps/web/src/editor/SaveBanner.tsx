import type { SaveStatus } from './useAutosave';

interface Props {
  status: SaveStatus;
  onRetry: () => void;
  /** Discard this tab's changes and load the draft the server has. */
  onReload: () => void;
  /** Save this tab's draft over the newer one. */
  onOverwrite: () => void;
}

/**
 * A quiet "Saved" / "Saving…"; a clear banner when saving failed (the draft is safe in this browser, retrying); and
 * when another tab or person saved the draft since, a choice: reload theirs or overwrite with mine.
 */
export function SaveIndicator({ status, onRetry, onReload, onOverwrite }: Props) {
  switch (status.state) {
    case 'saved':
    case 'pending':
    case 'saving': {
      const text = { saved: 'All changes saved', pending: 'Unsaved changes…', saving: 'Saving…' }[status.state];
      return (
        <span className="save-status" role="status" data-save-state={status.state}>
          {text}
        </span>
      );
    }
    case 'failed':
      return (
        <div className="banner banner-error save-failed" role="alert" data-save-state="failed">
          <strong>Could not save the draft.</strong> {status.message}. Your changes are kept in this browser and will be retried every few seconds.{' '}
          <button type="button" className="button button-small" onClick={onRetry}>
            Retry now
          </button>
        </div>
      );
    case 'conflict':
      return (
        <div className="banner banner-error save-conflict" role="alert" data-save-state="conflict">
          <strong>This draft was changed in another tab or by someone else.</strong> Your changes are not saved, and nothing is saved until you choose.{' '}
          <button type="button" className="button button-small" onClick={onReload}>
            Reload theirs
          </button>{' '}
          <button type="button" className="button button-small button-danger" onClick={onOverwrite}>
            Overwrite with mine
          </button>
        </div>
      );
    default: {
      const unknown: never = status;
      throw new Error(`unknown save status ${JSON.stringify(unknown)}`);
    }
  }
}
