import type { Delivery } from '../api/runs';
import { formatTime } from '../components/formatTime';
import { StatusBadge } from '../components/StatusBadge';

/** The emails a run sent (or skipped), with their engagement. */
export function DeliveriesTable({ deliveries }: { deliveries: Delivery[] }) {
  if (deliveries.length === 0) return <p className="hint">This run has not sent any email.</p>;
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
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <td>
              <code>{delivery.nodeId}</code>
            </td>
            <td>{delivery.to ?? '—'}</td>
            <td>{delivery.subject ?? <span className="muted">{delivery.templateId}</span>}</td>
            <td>
              <StatusBadge status={delivery.status} />
              {delivery.error && <div className="muted small">{delivery.error}</div>}
            </td>
            <td className="nowrap">{formatTime(delivery.sentAt)}</td>
            <td className="nowrap">{formatTime(delivery.openedAt)}</td>
            <td className="nowrap">{formatTime(delivery.clickedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
