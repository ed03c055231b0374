import type { ReactNode } from 'react';

/** The title row of a page, with an optional trail back and actions on the right. */
export function PageHeader({ title, back, children }: { title: ReactNode; back?: { href: string; label: string }; children?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        {back && (
          <a className="back-link" href={back.href}>
            ← {back.label}
          </a>
        )}
        <h1>{title}</h1>
      </div>
      {children && <div className="page-actions">{children}</div>}
    </header>
  );
}
