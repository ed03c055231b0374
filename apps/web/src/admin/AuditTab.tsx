import { useState } from 'react';
import { useAudit } from '../api/admin';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';

/** Who published, cancelled, deleted or changed what; newest first, page by page. */
export function AuditTab() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const audit = useAudit(cursors.at(-1) ?? null);
  const entries = audit.data?.entries ?? [];
  return (
    <>
      <ErrorBanner error={audit.error} />
      {audit.isPending ? <Loading what="the audit log" /> : entries.length === 0 ? (
        !audit.error && <EmptyState title="Nothing recorded yet">Publishing, cancelling, deleting and every change to users, tokens and write keys is recorded here, with who did it.</EmptyState>
      ) : (
        <table className="table">
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">What</th></tr></thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatTime(entry.at ?? entry.createdAt ?? '')}</td>
                <td>{entry.actorLabel ?? entry.actorEmail ?? entry.actor ?? '—'}</td>
                <td>{entry.action}</td>
                <td>
                  {entry.target ?? [entry.targetType, entry.targetId].filter(Boolean).join(' ')}
                  {typeof entry.summary?.version === 'number' && <span className="hint"> · version {entry.summary.version}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(cursors.length > 1 || audit.data?.nextCursor) && <div className="row-actions">
        <button type="button" className="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>Newer</button>
        <button type="button" className="button" disabled={!audit.data?.nextCursor} onClick={() => setCursors([...cursors, audit.data?.nextCursor ?? null])}>Older</button>
      </div>}
    </>
  );
}
