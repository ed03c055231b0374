import { readdirSync, readFileSync } from 'node:fs';

// CPU seconds a process spent per thread name (/proc/<pid>/task/*/comm): the main JS thread ("main"), Node's worker
// threads ("node": workflow sandboxes, the render pool), libuv's pool, V8's helpers, the Temporal core's Rust threads.
// A --cpu-prof of the main thread misses all but the first, which is where a worker spends most of its time.

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** CPU seconds by thread name so far. */
export function threadCpu(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const task of tasks) {
    const stat = readOr(`/proc/${pid}/task/${task}/stat`);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Node's worker threads (workflow sandboxes, the render pool) share the main thread's name: tell the main one apart.
    const name = task === String(pid) ? 'main' : readOr(`/proc/${pid}/task/${task}/comm`).trim().replace(/\d+$/, '#');
    byName.set(name, (byName.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
  }
  return byName;
}

/** "name ms/event (share)" for the threads that used at least 2% of the process's CPU between two readings. */
export function threadShares(before: Map<string, number>, after: Map<string, number>, events: number): string {
  const used = [...after].map(([name, seconds]) => [name, seconds - (before.get(name) ?? 0)] as const).filter(([, seconds]) => seconds > 0);
  const total = used.reduce((sum, [, seconds]) => sum + seconds, 0);
  return used
    .filter(([, seconds]) => seconds >= total * 0.02)
    .sort((a, b) => b[1] - a[1])
    .map(([name, seconds]) => `${name} ${((seconds * 1000) / Math.max(1, events)).toFixed(1)} (${Math.round((100 * seconds) / total)}%)`)
    .join(', ');
}
