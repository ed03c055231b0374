import { readdirSync, readFileSync } from 'node:fs';

// CPU seconds of a set-up's processes, read from /proc, so the bench can say where a measurement's time went without
// anything from the processes themselves: the API and worker processes (children of this one), the Temporal dev
// server, and the Postgres server with every backend it forked.

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** utime, stime, cutime, cstime of a process in seconds (zeros once it is gone). */
function times(pid: number): { own: number; reaped: number; parent: number } {
  const stat = readOr(`/proc/${pid}/stat`);
  if (!stat) return { own: 0, reaped: 0, parent: 0 };
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = (at: number) => Number(fields[at]) / 100; // clock ticks, 100 per second on Linux
  return { own: ticks(11) + ticks(12), reaped: ticks(13) + ticks(14), parent: Number(fields[1]) };
}

function processes(): { pid: number; parent: number; cmdline: string }[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => ({
      pid: Number(entry),
      parent: times(Number(entry)).parent,
      cmdline: readOr(`/proc/${entry}/cmdline`).split('\0').join(' '),
    }));
}

/** Every live child of this process whose command line contains `needle`, oldest first. */
export function childPids(needle: string): number[] {
  return processes()
    .filter((entry) => entry.parent === process.pid && entry.cmdline.includes(needle))
    .map((entry) => entry.pid)
    .sort((a, b) => a - b);
}

/** The postmaster listening on `port` (its command line keeps the `-p PORT` pg_ctl gave it). */
export function postmasterPid(port: number): number | undefined {
  return processes().find((entry) => /(^|\/)postgres /.test(entry.cmdline) && entry.cmdline.includes(` -p ${port} `))?.pid;
}

/**
 * CPU seconds the Postgres server has used: the postmaster, the backends it has reaped (cutime), and those alive.
 * A backend's time counts in cutime only once it has exited, so live and exited backends are both counted, once.
 */
export function postgresCpuSeconds(postmaster: number): number {
  const main = times(postmaster);
  const children = processes().filter((entry) => entry.parent === postmaster);
  return main.own + main.reaped + children.reduce((sum, child) => sum + times(child.pid).own, 0);
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  return times(pid).own;
}

/** What each role's processes have used so far; a role may have several processes (two APIs). */
export type CpuSnapshot = Record<string, number[]>;

/** Sampler of a set-up's CPU by role: `roles` answers the seconds used so far, one entry per process of the role. */
export function cpuMeter(roles: Record<string, () => number[]>) {
  const take = (): CpuSnapshot => Object.fromEntries(Object.entries(roles).map(([role, read]) => [role, read()]));
  return {
    take,
    /** "api 12.1 (10.3 + 1.8), worker 20.4, …": CPU ms per `per` units since `before`, each process of a role shown when several. */
    since(before: CpuSnapshot, units: number, per = 1): string {
      const after = take();
      return Object.entries(after)
        .map(([role, values]) => {
          const used = values.map((value, i) => ((value - (before[role]?.[i] ?? 0)) * 1000 * per) / Math.max(1, units));
          const total = used.reduce((sum, value) => sum + value, 0);
          return `${role} ${total.toFixed(1)}${used.length > 1 ? ` (${used.map((value) => value.toFixed(1)).join(' + ')})` : ''}`;
        })
        .join(', ');
    },
  };
}
