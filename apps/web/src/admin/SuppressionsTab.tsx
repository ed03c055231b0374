import { useState } from 'react';
import { removeSuppression, sourceLabels, useSuppressions, type Suppression } from '../api/suppressions';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';
import { SoftBounceThreshold } from './SoftBounceThreshold';
import { SuppressionForm } from './SuppressionForm';
import { ActionMessage, useAdminAction } from './useAdminAction';

/** The suppression list: addresses no journey emails, why, searchable and paged; admins add and remove. */
export function SuppressionsTab() {
  const [q, setQ] = useState('');
  const [showRemoved, setShowRemoved] = useState(false);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [removing, setRemoving] = useState<Suppression | null>(null);
  const list = useSuppressions({ q, status: showRemoved ? 'all' : 'active', cursor: cursors.at(-1) ?? null });
  const { run, message } = useAdminAction('suppressions');
  const rows = list.data?.suppressions ?? [];
  const refine = (change: () => void) => {
    change();
    setCursors([null]);
  };
  return (
    <>
      <ErrorBanner error={list.error} />
      <ActionMessage message={message} />
      <SuppressionForm run={run} />
      <SoftBounceThreshold run={run} />
      <div className="row-actions">
        <div className="field"><label htmlFor="suppression-search">Search by address</label><input id="suppression-search" type="search" value={q} onChange={(event) => refine(() => setQ(event.target.value))} /></div>
        <label><input type="checkbox" checked={showRemoved} onChange={(event) => refine(() => setShowRemoved(event.target.checked))} /> Show removed</label>
        {list.data && <span className="hint" role="status">{list.data.total} {list.data.total === 1 ? 'address' : 'addresses'}</span>}
      </div>
      {list.isPending ? <Loading what="the suppression list" /> : rows.length === 0 ? (
        !list.error && <EmptyState title={q ? 'No suppressed address matches' : 'No suppressed addresses'}>An address is suppressed when the mail server refuses it for good, after repeated soft failures, on a bounce or spam-complaint notice sent to /v1/bounces, or by hand above.</EmptyState>
      ) : (
        <table className="table" aria-label="Suppressed addresses">
          <thead><tr><th scope="col">Address</th><th scope="col">Why</th><th scope="col">Source</th><th scope="col">Since</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{row.address}</td>
                <td>{row.reason}{row.detail && <div className="hint">{row.detail}</div>}</td>
                <td>{sourceLabels[row.source]}<div className="hint">by {row.createdBy}</div></td>
                <td>{formatTime(row.createdAt)}</td>
                <td>
                  {row.removedAt ? <span className="hint">Removed {formatTime(row.removedAt)} by {row.removedBy}</span> : (
                    <button type="button" className="button button-small button-danger" aria-label={`Remove ${row.address}`} onClick={() => setRemoving(row)}>Remove</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(cursors.length > 1 || list.data?.nextCursor) && <div className="row-actions">
        <button type="button" className="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>Newer</button>
        <button type="button" className="button" disabled={!list.data?.nextCursor} onClick={() => setCursors([...cursors, list.data?.nextCursor ?? null])}>Older</button>
      </div>}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.address} from the suppression list?`}
          confirmLabel="Yes, remove"
          cancelLabel="Keep it suppressed"
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const { id, address } = removing;
            setRemoving(null);
            run(async () => {
              await removeSuppression(id);
              return `${address} is no longer suppressed: journeys may email it again.`;
            });
          }}
        >
          <p>It was suppressed because: {removing.reason}</p>
          <p>Journeys will email it again. The removal is recorded with your name.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
