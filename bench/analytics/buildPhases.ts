import type { Db } from '@lifecycle/db';
import { readProgress, writeProgress, type ChunkState } from './buildProgress';

/** Wall and CPU seconds of `work` (the commit after it is not counted: it is small next to a chunk's inserts). On a shared machine the wall time waits for a core; the CPU time is the build's own cost. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; cpuSeconds: number }> {
  const began = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, seconds: (performance.now() - began) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** Totals of a chunked phase: its counters after the last chunk, and its seconds summed over every run that made a chunk. */
export type ChunkedTotals = Record<string, number> & { seconds: number; cpuSeconds: number };

/**
 * Runs chunks `0..chunks-1` of `phase`, each in one transaction that also records the chunk and the counters after
 * it, starting after the last chunk a previous run committed. `make(chunk, counters)` returns the counters after the
 * chunk. Prints "<phase>: chunk k of n committed" (always for the first chunk of a run, then every 2 s).
 */
export async function runChunks(
  db: Db,
  phase: string,
  chunks: number,
  start: Record<string, number>,
  make: (chunk: number, counters: Record<string, number>) => Promise<Record<string, number>>,
): Promise<ChunkedTotals> {
  const saved = await readProgress<ChunkState>(db, `phase:${phase}`);
  let counters: Record<string, number> = saved ? saved.counters : { ...start, seconds: 0, cpuSeconds: 0 };
  let printed = 0;
  for (let chunk = saved ? saved.chunk + 1 : 0; chunk < chunks; chunk++) {
    const before = counters;
    // The chunk's rows and its progress row commit together: a kill keeps both or neither.
    counters = await db.transaction(async () => {
      const run = await timed(() => make(chunk, before));
      const next = { ...run.result, seconds: (before.seconds ?? 0) + run.seconds, cpuSeconds: (before.cpuSeconds ?? 0) + run.cpuSeconds };
      await writeProgress(db, `phase:${phase}`, { chunk, counters: next } satisfies ChunkState);
      return next;
    });
    const next = counters;
    if (printed === 0 || performance.now() - printed > 2_000 || chunk === chunks - 1) {
      printed = performance.now();
      console.log(`  ${phase}: chunk ${chunk + 1} of ${chunks} committed (${Math.round(next.seconds ?? 0)} s, ${Math.round(next.cpuSeconds ?? 0)} s CPU so far)`);
    }
  }
  return counters as ChunkedTotals;
}

/**
 * Runs a one-off phase unless a previous run finished it, recording its seconds with it in one transaction (or, for a
 * phase that commits as it goes, once it returns: a kill before that runs it again, which finds nothing left to do).
 */
export async function runOnce(db: Db, phase: string, work: () => Promise<unknown>, options: { ownTransactions?: boolean } = {}): Promise<{ name: string; seconds: number; cpuSeconds: number }> {
  const done = await readProgress<{ seconds: number; cpuSeconds: number }>(db, `done:${phase}`);
  if (done) return { name: phase, ...done };
  const record = async (seconds: number, cpuSeconds: number) => await writeProgress(db, `done:${phase}`, { seconds, cpuSeconds });
  const began = performance.now();
  const cpu = process.cpuUsage();
  const elapsed = () => {
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - began) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  };
  if (options.ownTransactions) {
    await work();
    const { seconds, cpuSeconds } = elapsed();
    await record(seconds, cpuSeconds);
    return { name: phase, seconds, cpuSeconds };
  }
  return await db.transaction(async () => {
    await work();
    const { seconds, cpuSeconds } = elapsed();
    await record(seconds, cpuSeconds);
    console.log(`  ${phase}: done (${seconds.toFixed(1)} s, ${cpuSeconds.toFixed(1)} s CPU)`);
    return { name: phase, seconds, cpuSeconds };
  });
}
