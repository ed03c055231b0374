import { DiffSummary } from '../../editor/publish/DiffSummary';
import type { ImportPreview, ItemMatch } from './importApi';

const statusWords = { new: 'new: created', same: 'same: used as it is', different: 'different here' } as const;

function Items({ title, items, overwrite }: { title: string; items: ItemMatch[]; overwrite: boolean }) {
  if (items.length === 0) return null;
  return (
    <section className="diff-group" aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {items.map((item) => (
          <li key={item.ref}>
            {item.name} — <span className={`import-status import-${item.status}`}>{statusWords[item.status]}</span>
            {item.status === 'different' && ` (${item.differences.join(', ')}; ${overwrite ? 'updated to the bundle’s' : 'this install’s kept'})`}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What an import would do: the journey new or updated (with its step diff), templates and offers by name, segments, problems. */
export function ImportPreviewView({ preview, overwrite }: { preview: ImportPreview; overwrite: boolean }) {
  const { journey } = preview;
  return (
    <div className="import-preview" aria-label="Import preview">
      <p>
        {journey.status === 'new'
          ? `New journey “${journey.name}”: ${journey.diff.added.length} steps, created as a draft.`
          : `Updates the draft of “${journey.name}”: ${journey.diff.count === 0 ? 'no step changes' : `${journey.diff.count} change${journey.diff.count === 1 ? '' : 's'}`}.`}{' '}
        Nothing is published.
      </p>
      {journey.status === 'update' && journey.diff.count > 0 && <DiffSummary diff={journey.diff} />}
      <Items title="Templates" items={preview.templates} overwrite={overwrite} />
      <Items title="Offers" items={preview.offers} overwrite={overwrite} />
      {preview.segments.length > 0 && (
        <section className="diff-group" aria-label="Segments">
          <h3>Segments</h3>
          <ul>
            {preview.segments.map((segment) => (
              <li key={segment.ref}>
                {segment.name} — {segment.status === 'found' ? 'found here' : 'missing here'}
              </li>
            ))}
          </ul>
        </section>
      )}
      {preview.problems.length > 0 && (
        <div role="alert" className="banner banner-error">
          <p>Fix these before importing:</p>
          <ul>
            {preview.problems.map((problem) => (
              <li key={problem.path}>
                {problem.path}: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
