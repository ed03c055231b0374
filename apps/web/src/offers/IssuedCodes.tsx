import './offers.css';
import { useState } from 'react';
import { useIssuedCodes, type IssuedCode } from '../api/offers';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';

const PAGE_SIZE = 25;

/** The customer as people know them: name and email when the profile has them, linked to the profile. */
function Customer({ code }: { code: IssuedCode }) {
  const title = code.customerName ?? code.customerEmail ?? code.customerId;
  return (
    <>
      <a href={`#/customers/${encodeURIComponent(code.customerId)}`} title={code.customerId}>
        {title}
      </a>
      {code.customerName && code.customerEmail && <div className="muted small">{code.customerEmail}</div>}
    </>
  );
}

/** The codes issued to customers, newest first, a page at a time, with whether each was redeemed. */
export function IssuedCodes({ offerId }: { offerId: string }) {
  const [offset, setOffset] = useState(0);
  const page = useIssuedCodes(offerId, { limit: PAGE_SIZE, offset });
  if (page.isPending) return <Loading what="issued codes" />;
  if (page.error) return <ErrorBanner error={page.error} />;
  const { codes, total } = page.data;
  if (total === 0) return <EmptyState title="No codes issued yet">A journey’s offer step hands out a code to each customer who reaches it.</EmptyState>;
  const last = Math.min(offset + codes.length, total);
  return (
    <>
      <table className="table" aria-label="Issued codes">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Customer</th>
            <th scope="col">Issued</th>
            <th scope="col">Redeemed</th>
          </tr>
        </thead>
        <tbody>
          {codes.map((code) => (
            <tr key={code.code}>
              <td>
                <code>{code.code}</code>
              </td>
              <td className="offer-name-cell">
                <Customer code={code} />
              </td>
              <td className="nowrap">{formatTime(code.grantedAt)}</td>
              <td className="nowrap">{code.redeemedAt ? formatTime(code.redeemedAt) : 'not yet'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="offer-pager" aria-label="Issued codes pages">
        <button type="button" className="button button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
          Newer
        </button>
        <span role="status">
          {offset + 1}–{last} of {total}
        </span>
        <button type="button" className="button button-small" disabled={last >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
          Older
        </button>
      </nav>
    </>
  );
}
