import type { PreviewState } from './usePreview';

/** The rendered email (subject, HTML in a sandboxed frame, text); the raw Liquid when the server cannot render yet. */
export function TemplatePreview({ state, raw }: { state: PreviewState; raw: { subject: string; html: string; text: string | null } }) {
  if (state.kind === 'error') return <div className="banner banner-error" role="alert">Preview failed: {state.message}</div>;
  if (state.kind === 'rendered' && !state.result.ok) return <div className="banner banner-error" role="alert">The template does not render: {state.result.error}</div>;
  const shown = state.kind === 'rendered' && state.result.ok ? state.result : raw;
  return (
    <section className="template-render" aria-label="Preview">
      {state.kind !== 'rendered' && <p className="hint">Showing the template unrendered (the preview service is not available).</p>}
      <div className="template-preview-subject">{shown.subject}</div>
      <iframe title="Rendered HTML" sandbox="" srcDoc={shown.html} />
      {shown.text && <pre className="template-text" aria-label="Text part">{shown.text}</pre>}
    </section>
  );
}
