import { ErrorBanner } from '../components/ErrorBanner';
import { useTemplateRevision } from './historyApi';

/** One revision as it was saved: its Liquid source, read-only (shown as text, never as the app's markup). */
export function RevisionView({ templateId, revision }: { templateId: string; revision: number }) {
  const loaded = useTemplateRevision(templateId, revision);
  if (loaded.error) return <ErrorBanner error={loaded.error} />;
  if (!loaded.data) return <p className="hint">Loading revision {revision}…</p>;
  const { name, subject, html, text } = loaded.data;
  return (
    <div className="revision-view" role="region" aria-label={`Revision ${revision}`}>
      <dl>
        <dt>Name</dt>
        <dd>{name}</dd>
        <dt>Subject</dt>
        <dd>{subject}</dd>
      </dl>
      <h3>HTML</h3>
      <pre className="revision-source" tabIndex={0}>{html}</pre>
      <h3>Text</h3>
      {text ? <pre className="revision-source" tabIndex={0}>{text}</pre> : <p className="hint">None: made from the HTML.</p>}
    </div>
  );
}
