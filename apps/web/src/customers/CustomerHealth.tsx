import { BAND_COLORS, bandLabel, HEALTH_BANDS } from '../analytics/health/bands';
import { useCustomerHealth } from '../analytics/health/healthApi';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';

/** The profile's health panel: score and band, each rule's part of it ("why this score"), and the score's history. */
export function CustomerHealth({ customerId }: { customerId: string }) {
  const health = useCustomerHealth(customerId);
  if (health.error) return <ErrorBanner error={health.error} />;
  if (!health.data) return null;
  const { current, why, history, bands } = health.data;
  return (
    <section aria-label="Health score">
      <h2>Health</h2>
      {!why ? (
        <p className="muted">No health score is defined (Analytics → Health).</p>
      ) : (
        <>
          <p data-testid="customer-health">
            <strong style={{ fontSize: '1.4em' }}>{current?.score ?? why.score}</strong> / 100 ·{' '}
            <span style={{ color: BAND_COLORS[current?.band ?? why.band], fontWeight: 600 }}>{bandLabel(current?.band ?? why.band)}</span>
            {current && <span className="muted small"> (since {formatTime(current.computedAt)})</span>}
          </p>
          <table className="table" aria-label="Why this score">
            <thead><tr><th scope="col">Rule</th><th scope="col">Seen</th><th scope="col" className="numeric">Points</th><th scope="col" className="numeric">Weight</th></tr></thead>
            <tbody>
              {why.rules.map((rule, index) => (
                <tr key={index}><td>{rule.label}</td><td>{rule.seen}</td><td className="numeric">{rule.points}</td><td className="numeric">{rule.weight}</td></tr>
              ))}
            </tbody>
          </table>
          <p className="hint">Score = 100 × points ÷ weights, rounded. Healthy from {bands.healthyFrom}, at risk from {bands.atRiskFrom}, critical below.</p>
          {history.length > 0 && (
            <details>
              <summary>Score history ({history.length})</summary>
              <table className="table">
                <thead><tr><th scope="col">When</th><th scope="col" className="numeric">Score</th><th scope="col">Band</th></tr></thead>
                <tbody>{history.map((row, index) => <tr key={index}><td>{formatTime(row.at)}</td><td className="numeric">{row.score}</td><td>{row.from && row.from !== row.band ? `${bandLabel(row.from)} → ` : ''}{bandLabel(row.band)}</td></tr>)}</tbody>
              </table>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** The customers list's health column: score and band. */
export function HealthCell({ health }: { health: { score: number; band: string } | null }) {
  if (!health) return <span className="muted">—</span>;
  return (
    <span data-testid="health-cell">
      {health.score} · <span style={{ color: (BAND_COLORS as Record<string, string>)[health.band] }}>{bandLabel(health.band)}</span>
    </span>
  );
}

/** The customers list's health band filter. */
export function HealthFilter({ value, onChange }: { value: string; onChange: (band: string) => void }) {
  return (
    <div className="field">
      <label htmlFor="customer-health">Health</label>
      <select id="customer-health" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {HEALTH_BANDS.map((band) => <option key={band} value={band}>{bandLabel(band)}</option>)}
      </select>
    </div>
  );
}
