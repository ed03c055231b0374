import { totalmem } from 'node:os';

/**
 * Worker RSS per cached run allowed for by the default: bench/memory.ts measured ~0.15 MB for a waiting run once
 * @lifecycle/journey is shared across runs (SHARED_WORKFLOW_MODULES; ~2.9 MB before), and a run of a large journey
 * carries its graph and events, hence the headroom.
 */
export const CACHED_RUN_MB = 0.5;

/** The share of the memory the sticky cache may take by default; the rest is the process, SQLite and the OS. */
const CACHE_SHARE = 0.25;

/** Bounds of the default: below 100 a busy worker replays histories all the time; 1000 is what the benches proved flat. */
const DEFAULT_BOUNDS = { min: 100, max: 1000 } as const;

/** The memory this process may use: the container's limit (cgroup) when there is one, else the machine's. */
export function availableMemoryBytes(): number {
  const constrained = process.constrainedMemory();
  return constrained > 0 ? Math.min(constrained, totalmem()) : totalmem();
}

/**
 * How many runs the worker keeps in its sticky cache when WORKER_MAX_CACHED_WORKFLOWS is not set: a quarter of the
 * memory at CACHED_RUN_MB each, between 100 and 1000 (1000 from 2 GB up; 512 in a 1 GB container). A run evicted
 * from the cache lives on in Temporal and is replayed when it wakes, so the bound caps memory, not how many runs wait.
 */
export function defaultMaxCachedWorkflows(memoryBytes = availableMemoryBytes()): number {
  const fits = Math.floor(((memoryBytes / 1024 / 1024) * CACHE_SHARE) / CACHED_RUN_MB);
  return Math.min(DEFAULT_BOUNDS.max, Math.max(DEFAULT_BOUNDS.min, fits));
}
