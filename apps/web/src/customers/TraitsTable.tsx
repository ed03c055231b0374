import './customers.css';
import { EmptyState } from '../components/EmptyState';
import { flattenTraits } from './flattenTraits';

/** A customer's traits as a two-column table (nested keys dotted, long values wrapped), not raw JSON. */
export function TraitsTable({ traits }: { traits: Record<string, unknown> }) {
  const rows = flattenTraits(traits);
  if (rows.length === 0) return <EmptyState title="No traits yet">Traits arrive with identify calls (for example an email, a plan or a name).</EmptyState>;
  return (
    <table className="table traits-table" aria-label="Traits">
      <thead>
        <tr>
          <th scope="col">Trait</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className="trait-key">
              {row.key}
            </th>
            <td className="trait-value">{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
