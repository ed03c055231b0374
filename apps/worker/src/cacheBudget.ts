import { totalmem } from 'node:os';

/** Worker RSS per cached run, measured with bench/memory.ts (a waiting journey run with its activities' state). */
export const CACHED_RUN_MB = 3;

/** The share of the machine's memory the sticky cache may take by default; the rest is the process, SQLite and the OS. */
const CACHE_SHARE = 0.25;

/** Bounds of the default: below 100 every busy worker replays histories; above 1000 a cached run is rarely woken again. */
const DEFAULT_BOUNDS = { min: 100, max: 1000 } as const;

/**
 * How many runs the worker keeps in its sticky cache when WORKER_MAX_CACHED_WORKFLOWS is not set: a quarter of the
 * machine's memory at CACHED_RUN_MB each, between 100 and 1000 (1000 on a machine with 12 GB or more). A run evicted
 * from the cache lives on in Temporal and is replayed when it wakes, so the bound caps memory, not how many runs wait.
 */
export function defaultMaxCachedWorkflows(totalBytes = totalmem()): number {
  const fits = Math.floor((totalBytes / 1024 / 1024) * CACHE_SHARE / CACHED_RUN_MB);
  return Math.min(DEFAULT_BOUNDS.max, Math.max(DEFAULT_BOUNDS.min, fits));
}
