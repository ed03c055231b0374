/** What the bench builds: the 1M customers, 20M events, 5M deliveries, times `--scale`. */
export type BenchSizes = { customers: number; events: number; deliveries: number; days: number; journeys: number };

export function sizesFor(scale: number): BenchSizes {
  return {
    customers: Math.max(100, Math.round(1_000_000 * scale)),
    events: Math.max(2_000, Math.round(20_000_000 * scale)),
    deliveries: Math.max(500, Math.round(5_000_000 * scale)),
    days: 180,
    journeys: 20,
  };
}

/** `--scale 0.1` (or BENCH_SCALE) → 0.1; default 1. */
export function scaleArgument(argv: readonly string[]): number {
  const at = argv.indexOf('--scale');
  const text = at >= 0 ? argv[at + 1] : process.env.BENCH_SCALE;
  const scale = Number(text ?? 1);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new Error(`--scale must be a number in (0, 10], got ${text}`);
  return scale;
}
