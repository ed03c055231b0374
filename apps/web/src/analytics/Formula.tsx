import type { ReactNode } from 'react';

/** How a figure is computed, in words, next to it. */
export function Formula({ children }: { children: ReactNode }) {
  return (
    <p className="formula">
      <span className="formula-label">How it is computed: </span>
      {children}
    </p>
  );
}
