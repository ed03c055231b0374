import type { RateRow } from './settingsDraft';

/** The currency rate table: one row per currency, "1 unit = rate × base currency"; rows added and removed in place. */
export function RatesTable({ rows, baseCurrency, readOnly, onChange }: { rows: RateRow[]; baseCurrency: string; readOnly: boolean; onChange: (rows: RateRow[]) => void }) {
  const edit = (index: number, patch: Partial<RateRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <div className="rates-table">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col">1 unit in {baseCurrency || 'base currency'}</th>
            {!readOnly && <th scope="col"><span className="visually-hidden">Remove</span></th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td>
                <input aria-label={`Currency of rate ${index + 1}`} value={row.currency} readOnly={readOnly} maxLength={3} size={5} onChange={(e) => edit(index, { currency: e.target.value.toUpperCase() })} />
              </td>
              <td>
                <input aria-label={`Rate of ${row.currency || `row ${index + 1}`}`} value={row.rate} readOnly={readOnly} inputMode="decimal" size={10} onChange={(e) => edit(index, { rate: e.target.value })} />
              </td>
              {!readOnly && (
                <td>
                  <button type="button" className="button" aria-label={`Remove rate ${row.currency || index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                    Remove
                  </button>
                </td>
              )}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={3} className="muted small">No rates: amounts in other currencies are not counted (and are reported apart).</td>
            </tr>
          )}
        </tbody>
      </table>
      {!readOnly && (
        <button type="button" className="button" onClick={() => onChange([...rows, { currency: '', rate: '' }])}>
          Add a rate
        </button>
      )}
    </div>
  );
}
