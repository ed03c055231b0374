import type { ReactNode } from 'react';

/** Undo, redo, tidy and publish, each with its keyboard shortcut in the tooltip. */
export function EditorToolbar(props: {
  canUndo: boolean;
  canRedo: boolean;
  readOnly: boolean;
  publishBlocked: string | null;
  publishing: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onPublish: () => void;
  children?: ReactNode;
}) {
  const { canUndo, canRedo, readOnly, publishBlocked, publishing } = props;
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Journey editor">
      <button type="button" className="button" onClick={props.onUndo} disabled={readOnly || !canUndo} title="Undo (Ctrl/Cmd+Z)">
        Undo
      </button>
      <button type="button" className="button" onClick={props.onRedo} disabled={readOnly || !canRedo} title="Redo (Shift+Ctrl/Cmd+Z)">
        Redo
      </button>
      <button type="button" className="button" onClick={props.onLayout} disabled={readOnly} title="Arrange the steps top to bottom">
        Auto-layout
      </button>
      {props.children}
      <button
        type="button"
        className="button button-primary"
        onClick={props.onPublish}
        disabled={readOnly || publishBlocked !== null || publishing}
        title={publishBlocked ?? 'Publish this draft as a new live version'}
        aria-describedby="publish-blocked"
      >
        {publishing ? 'Publishing…' : 'Publish'}
      </button>
      {publishBlocked && (
        <span id="publish-blocked" className="visually-hidden">
          {publishBlocked}
        </span>
      )}
    </div>
  );
}
