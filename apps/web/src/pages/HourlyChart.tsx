/** Bars per hour for a few series side by side, with the numbers in a table for screen readers. */
export function HourlyChart({ title, hours, series }: { title: string; hours: string[]; series: { name: string; values: number[]; className: string }[] }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const totals = series.map((s) => `${s.name} ${s.values.reduce((sum, n) => sum + n, 0)}`).join(' · ');
  return (
    <figure className="hourly-chart">
      <figcaption>
        <strong>{title}</strong> <span className="muted small">last 24 h: {totals}</span>
      </figcaption>
      <div className="bars" aria-hidden="true">
        {hours.map((hour, i) => (
          <div className="bar-group" key={hour} title={`${hour}:00 UTC — ${series.map((s) => `${s.name} ${s.values[i] ?? 0}`).join(', ')}`}>
            {series.map((s) => (
              <div key={s.name} className={`bar ${s.className}`} style={{ height: `${((s.values[i] ?? 0) / max) * 100}%` }} />
            ))}
          </div>
        ))}
      </div>
      <table className="visually-hidden">
        <thead>
          <tr>
            <th scope="col">Hour (UTC)</th>
            {series.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {hours.map((hour, i) => (
            <tr key={hour}>
              <td>{hour}:00</td>
              {series.map((s) => (
                <td key={s.name}>{s.values[i] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
