import { readdirSync, readFileSync } from 'node:fs';

// RSS of the platform's processes as Linux reports it (/proc), found among this bench's own children by command line,
// so the bench needs nothing from the processes themselves.

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The pid of this process's child whose command line contains `needle` (e.g. `apps/worker/src/main.ts`). */
export function childPid(needle: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOr(`/proc/${entry}/stat`);
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent !== process.pid) continue;
    if (readOr(`/proc/${entry}/cmdline`).split('\0').join(' ').includes(needle)) return Number(entry);
  }
  throw new Error(`no child process of the bench runs ${needle}`);
}

/** Resident set size in MB (VmRSS), or NaN once the process is gone. */
export function rssMb(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readOr(`/proc/${pid}/status`));
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readOr(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 per second on Linux)
}

/** The 1-minute load average, for printing beside a figure. */
export function loadAverage(): string {
  return readOr('/proc/loadavg').split(' ').slice(0, 3).join(' ');
}
