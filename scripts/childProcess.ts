import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type ChildSpec = {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /**
   * Own process group: a terminal's Ctrl-C reaches only the parent, which then stops children once and in order.
   * Such a child is also killed if the parent dies without cleaning up (see `killWhenParentDies`).
   */
  ownGroup?: boolean;
  /** Receives each output line (stdout and stderr); the default prints it prefixed with the name. */
  onLine?: (line: string) => void;
};

/** How a child ended: an exit code or the signal that killed it. */
export type ChildExit = { code: number | null; signal: NodeJS.Signals | null };

/** A spawned child: its process, a promise of how it ends, and a graceful stop. */
export type Child = {
  name: string;
  process: ChildProcess;
  exited: Promise<ChildExit>;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<ChildExit>;
  kill9(): Promise<ChildExit>;
};

const colors = [36, 35, 33, 32, 34, 31];
let nextColor = 0;

/** A line printer that prefixes a coloured, padded name (when stdout is a terminal). */
export function prefixedPrinter(name: string): (line: string) => void {
  const color = colors[nextColor++ % colors.length];
  const label = name.padEnd(9);
  const prefix = process.stdout.isTTY ? `\x1b[${color}m${label}\x1b[0m│ ` : `${label}│ `;
  return (line) => process.stdout.write(`${prefix}${line}\n`);
}

/** SIGKILLs `pid` once this process is gone, even after a kill -9 that skips every exit handler. */
export function killWhenParentDies(pid: number): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${pid} 2>/dev/null; do sleep 1; done; kill -9 ${pid} 2>/dev/null`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

/** Spawns a child whose output goes line by line to `onLine`. */
export function spawnChild(spec: ChildSpec): Child {
  const onLine = spec.onLine ?? prefixedPrinter(spec.name);
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: spec.ownGroup ?? false,
  });
  if (spec.ownGroup && child.pid) killWhenParentDies(child.pid);
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', onLine);
  let running = true;
  const exited = new Promise<ChildExit>((done) => {
    child.once('error', (error) => {
      onLine(`failed to start ${spec.command}: ${error.message}`);
      running = false;
      done({ code: -1, signal: null });
    });
    child.once('exit', (code, signal) => {
      running = false;
      done({ code, signal });
    });
  });
  return {
    name: spec.name,
    process: child,
    exited,
    isRunning: () => running,
    async stop(graceMs = 10_000) {
      if (!running) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    async kill9() {
      if (running) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Polls until `check` returns a truthy value or throws `description` after `timeoutMs`. */
export async function pollUntil<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs = 200, description = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${cause}`);
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

/** True when GET `url` answers 2xx. */
export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}
