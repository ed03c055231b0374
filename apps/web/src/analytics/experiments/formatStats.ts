/** A p-value as the tables show it. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}

/** A difference of shares in percentage points, signed: "+3.0 pp". */
export function formatPoints(difference: number | null | undefined): string {
  if (difference === null || difference === undefined) return '—';
  const points = difference * 100;
  return `${points >= 0 ? '+' : ''}${points.toFixed(1)} pp`;
}

/** An interval of shares in percentage points: "[+0.0, +6.0] pp". */
export function formatPointInterval(low: number | null | undefined, high: number | null | undefined): string {
  if (low === null || low === undefined || high === null || high === undefined) return '—';
  const point = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}`;
  return `[${point(low)}, ${point(high)}] pp`;
}
