import { EmailFrame } from '../templates/EmailFrame';
import { DEVICES, type Device } from '../templates/devices';
import { FIELD_NAMES } from '../templates/FieldErrorNote';
import type { PreviewState } from './usePreview';

/**
 * The rendered email at the chosen width: subject, HTML in a sandboxed frame, and the plain-text part the worker
 * sends with it (the template's own text, or the one made from the HTML). A Liquid error is not repeated here: it
 * shows beside its field.
 */
export function TemplatePreview({ state, raw, device, ownText }: { state: PreviewState; raw: { subject: string; html: string; text: string | null }; device: Device; ownText: boolean }) {
  switch (state.kind) {
    case 'idle':
      return <p className="hint">Rendering…</p>;
    case 'invalid':
      return <p className="hint">The preview shows again once the {FIELD_NAMES[state.error.field]} field is fixed.</p>;
    case 'error':
      return <div className="banner banner-error" role="alert">Preview failed: {state.message}</div>;
    case 'raw':
    case 'rendered':
      break;
    default: {
      const never: never = state;
      return never;
    }
  }
  if (state.kind === 'rendered' && !state.result.ok) return <div className="banner banner-error" role="alert">The template does not render for this preview: {state.result.error}</div>;
  const shown = state.kind === 'rendered' && state.result.ok ? state.result : raw;
  const size = DEVICES[device];
  return (
    <section className="template-render" aria-label="Preview">
      {state.kind === 'raw' && <p className="hint">Showing the template unrendered (the preview service is not available).</p>}
      <p className="preview-subject"><span className="muted">Subject</span> <strong>{shown.subject}</strong></p>
      <EmailFrame html={shown.html} width={size.width} height={size.height} title={`Rendered HTML, ${size.label.toLowerCase()} width`} />
      {shown.text !== null && (
        <>
          <h3 className="preview-text-heading">Plain-text part</h3>
          <p className="hint">{ownText ? 'The Text field, rendered.' : 'Made from the HTML, as the worker sends it (links are tracked when sent).'}</p>
          <pre className="template-text" aria-label="Text part" tabIndex={0}>{shown.text}</pre>
        </>
      )}
    </section>
  );
}
