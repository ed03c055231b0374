import { useEffect, useState } from 'react';
import { previewTemplate, type PreviewTarget, type RenderedPreview } from '../api/templates';

export type PreviewState = { kind: 'idle' } | { kind: 'rendered'; result: RenderedPreview } | { kind: 'raw' } | { kind: 'error'; message: string };

/** Renders the template on the server a moment after each edit; `raw` when the preview route is not available. */
export function usePreview(template: { subject: string; html: string; text: string | null }, target: PreviewTarget | null): PreviewState {
  const [state, setState] = useState<PreviewState>({ kind: 'idle' });
  const key = JSON.stringify([template, target]);
  useEffect(() => {
    if (target === null) return;
    let current = true;
    const timer = window.setTimeout(() => {
      previewTemplate(template, target).then(
        (result) => current && setState(result === null ? { kind: 'raw' } : { kind: 'rendered', result }),
        (error: unknown) => current && setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    }, 400);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for template and target
  }, [key]);
  return state;
}
