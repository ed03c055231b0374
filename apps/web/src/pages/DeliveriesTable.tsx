import { Fragment, useState } from 'react';
import type { Delivery } from '../api/runs';
import { formatTime } from '../components/formatTime';
import { StatusBadge } from '../components/StatusBadge';
import { DeliveryMessage } from './DeliveryMessage';

const COLUMNS = 8;

/** The emails a run sent (or skipped), with their engagement; each rendered one can be opened to show what went out. */
export function DeliveriesTable({ deliveries, nodeNames = {} }: { deliveries: Delivery[]; nodeNames?: Record<string, string> }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (deliveries.length === 0) return <p className="hint">This run has not sent any email.</p>;
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <table className="table table-compact">
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">To</th>
          <th scope="col">Subject</th>
          <th scope="col">Status</th>
          <th scope="col">Sent</th>
          <th scope="col">Opened</th>
          <th scope="col">Clicked</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => {
          const shown = open.has(delivery.id);
          const rendered = Boolean(delivery.html || delivery.text);
          return (
            <Fragment key={delivery.id}>
              <tr>
                {/* The step by name; its id on hover. */}
                <td title={delivery.nodeId}>{nodeNames[delivery.nodeId] ?? <code>{delivery.nodeId}</code>}</td>
                <td>{delivery.to ?? '—'}</td>
                <td>{delivery.subject ?? <span className="muted">{delivery.templateId}</span>}</td>
                <td>
                  <StatusBadge status={delivery.status} />
                  {delivery.error && <div className="muted small">{delivery.error}</div>}
                </td>
                <td className="nowrap">{formatTime(delivery.sentAt)}</td>
                <td className="nowrap">{formatTime(delivery.openedAt)}</td>
                <td className="nowrap">{formatTime(delivery.clickedAt)}</td>
                <td>
                  {rendered ? (
                    <button type="button" className="button button-small" aria-expanded={shown} onClick={() => toggle(delivery.id)}>
                      {shown ? 'Hide message' : 'View message'}
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
              {shown && (
                <tr>
                  <td colSpan={COLUMNS}>
                    <DeliveryMessage delivery={delivery} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
