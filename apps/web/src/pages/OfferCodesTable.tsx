import type { OfferCodeGrant } from '../api/runs';
import { formatTime } from '../components/formatTime';

/** The offer codes this run granted. */
export function OfferCodesTable({ codes, nodeNames = {} }: { codes: OfferCodeGrant[]; nodeNames?: Record<string, string> }) {
  if (codes.length === 0) return <p className="hint">This run has not granted an offer code.</p>;
  return (
    <table className="table table-compact">
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">Offer</th>
          <th scope="col">Code</th>
          <th scope="col">Granted</th>
        </tr>
      </thead>
      <tbody>
        {codes.map((grant) => (
          <tr key={`${grant.offerId}:${grant.code}`}>
            <td title={grant.nodeId ?? undefined}>{grant.nodeId ? (nodeNames[grant.nodeId] ?? <code>{grant.nodeId}</code>) : '—'}</td>
            <td>{grant.offerName}</td>
            <td>
              <code>{grant.code}</code>
            </td>
            <td className="nowrap">{formatTime(grant.grantedAt, true)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
