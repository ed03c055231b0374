import type { ReactNode } from 'react';

/** Headline figures in a row of cards; `testId` lets tests and people find one figure. */
export function Kpis({ items }: { items: { label: string; value: ReactNode; detail?: ReactNode; testId?: string }[] }) {
  return (
    <dl className="kpis">
      {items.map((item) => (
        <div key={item.label} className="kpi">
          <dt>{item.label}</dt>
          <dd data-testid={item.testId}>{item.value}</dd>
          {item.detail && <dd className="small muted">{item.detail}</dd>}
        </div>
      ))}
    </dl>
  );
}
