import './confirmDialog.css';
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  /** The question, naming what is affected: `Delete journey "Welcome"?`. It is the dialog's accessible name. */
  title: string;
  /** The consequence, in words: what goes, what stays, whether it can be undone. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** `danger` for what cannot be undone (a red button). */
  tone?: 'danger' | 'primary';
  /** While the action runs: both buttons and Escape wait for it. */
  busy?: boolean;
  /** Nothing to confirm (e.g. zero runs match): only cancelling is possible. */
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation in the app instead of the browser's `confirm()`: the native `<dialog>` opened with
 * `showModal()` makes the rest of the page inert (focus stays inside) and turns Escape into cancel; focus starts on
 * the safe choice and goes back to where it was when the dialog closes. Render it only while asking.
 */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = 'Cancel', tone = 'danger', busy = false, confirmDisabled = false, onConfirm, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    cancelButton.current?.focus();
    return () => {
      element.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        // Escape: the parent decides (it stops asking), so the dialog never closes behind React's back.
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId} className="confirm-dialog-title">
        {title}
      </h2>
      <div id={bodyId} className="confirm-dialog-body">
        {children}
      </div>
      <div className="confirm-dialog-actions">
        <button ref={cancelButton} type="button" className="button" disabled={busy} onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" className={`button ${tone === 'danger' ? 'confirm-dialog-danger' : 'button-primary'}`} disabled={busy || confirmDisabled} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
