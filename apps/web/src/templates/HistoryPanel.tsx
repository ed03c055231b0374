import { useState } from 'react';
import { formatTime } from '../components/formatTime';
import type { TemplateHistory } from './historyApi';
import { RevisionView } from './RevisionView';

type Props = {
  templateId: string;
  history: TemplateHistory;
  readOnly: boolean;
  onRestore: (revision: number) => void;
};

/** Every save of the template, newest first: when, by whom, its subject; view one, or restore it as a new revision. */
export function HistoryPanel({ templateId, history, readOnly, onRestore }: Props) {
  const [viewing, setViewing] = useState<number | null>(null);
  const pinnedBy = (revision: number) => history.liveUses.filter((use) => use.revision === revision);
  return (
    <section className="form-card template-history" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <ol className="revision-list">
        {history.revisions.map((row) => {
          const live = pinnedBy(row.revision);
          return (
            <li key={row.revision} className={row.revision === viewing ? 'revision-row revision-row-open' : 'revision-row'}>
              <div className="revision-facts">
                <strong>Revision {row.revision}</strong>
                {row.revision === history.current && <span className="revision-tag">current</span>}
                {live.length > 0 && <span className="revision-tag revision-tag-live">live in {live.map((use) => `${use.journeyName} v${use.version}`).join(', ')}</span>}
                <span className="revision-meta">
                  <time dateTime={row.savedAt}>{formatTime(row.savedAt)}</time> by {row.savedBy ?? 'an earlier version of Lifecycle'}
                </span>
                <span className="revision-subject">{row.subject}</span>
              </div>
              <div className="revision-actions">
                <button type="button" className="button button-small" aria-expanded={row.revision === viewing} onClick={() => setViewing(row.revision === viewing ? null : row.revision)}>
                  {row.revision === viewing ? 'Hide' : 'View'}<span className="visually-hidden"> revision {row.revision}</span>
                </button>
                {!readOnly && row.revision !== history.current && (
                  <button type="button" className="button button-small" onClick={() => onRestore(row.revision)}>
                    Restore<span className="visually-hidden"> revision {row.revision}</span>
                  </button>
                )}
              </div>
              {row.revision === viewing && <RevisionView templateId={templateId} revision={row.revision} />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
