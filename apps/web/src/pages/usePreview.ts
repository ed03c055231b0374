import { useEffect, useState } from 'react';
import { previewSavedTemplate, previewTemplate, type PreviewTarget, type RenderedDraft } from '../api/templates';
import { fieldErrorOf, messageOf, type FieldError } from '../templates/templateError';

/**
 * `invalid`: the template's Liquid does not parse (shown beside the field, not in the preview); `error`: the
 * preview request failed for another reason.
 */
export type PreviewState =
  | { kind: 'idle' }
  | { kind: 'rendered'; result: RenderedDraft }
  | { kind: 'raw' }
  | { kind: 'invalid'; error: FieldError }
  | { kind: 'error'; message: string };

/**
 * Renders the template on the server a moment after each edit; `raw` when the preview route is not available.
 * With `savedId` (a viewer, who cannot edit) the saved template is rendered instead, for the customer or the sample traits.
 */
export function usePreview(template: { subject: string; html: string; text: string | null }, target: PreviewTarget | null, savedId: string | null = null): PreviewState {
  const [state, setState] = useState<PreviewState>({ kind: 'idle' });
  const key = JSON.stringify([template, target, savedId]);
  useEffect(() => {
    if (target === null) return;
    let current = true;
    const timer = window.setTimeout(() => {
      const rendered = savedId === null ? previewTemplate(template, target) : previewSavedTemplate(savedId, 'customerId' in target ? target.customerId : null);
      rendered.then(
        (result) => {
          if (!current) return;
          if (result === null) setState({ kind: 'raw' });
          else if (!result.ok && result.field !== null) setState({ kind: 'invalid', error: { field: result.field, message: result.error } });
          else setState({ kind: 'rendered', result });
        },
        (error: unknown) => {
          if (!current) return;
          const fieldError = fieldErrorOf(error);
          setState(fieldError ? { kind: 'invalid', error: fieldError } : { kind: 'error', message: messageOf(error) });
        },
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
