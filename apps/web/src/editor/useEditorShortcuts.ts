import { useEffect, useRef, type Dispatch } from 'react';
import type { EditorAction, EditorState } from './editorReducer';
import { copySelection, type Clipboard } from './graphOps';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redo, Ctrl/Cmd+C copy, Ctrl/Cmd+V paste — except while typing in a field. */
export function useEditorShortcuts(state: EditorState, dispatch: Dispatch<EditorAction>, enabled: boolean) {
  // The copy, and how often it was pasted: each paste lands a step further from the originals.
  const clipboard = useRef<{ copy: Clipboard; pastes: number } | null>(null);
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z') dispatch({ kind: event.shiftKey ? 'redo' : 'undo' });
      else if (key === 'y') dispatch({ kind: 'redo' });
      else if (key === 'c') {
        const { history, selectedNodes } = latest.current;
        if (selectedNodes.size === 0) return;
        clipboard.current = { copy: copySelection(history.present, selectedNodes), pastes: 0 };
      } else if (key === 'v') {
        if (!clipboard.current) return;
        clipboard.current.pastes += 1;
        dispatch({ kind: 'paste', clipboard: clipboard.current.copy, times: clipboard.current.pastes });
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, enabled]);
}
