import type { ReactNode } from 'react';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';

/** A titled block of the Analytics area that shows its loading and error states the same way everywhere. */
export function Figure({ title, loading, error, children }: { title: string; loading: boolean; error: unknown; children: ReactNode }) {
  return (
    <section className="analytics-figure" aria-label={title}>
      <h2>{title}</h2>
      {error ? <ErrorBanner error={error} /> : loading ? <Loading what={title.toLowerCase()} /> : children}
    </section>
  );
}
