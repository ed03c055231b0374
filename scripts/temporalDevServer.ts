import { execFile } from 'node:child_process';
import { connect } from 'node:net';

export type DevServerOptions = { dbFile: string; port: number; uiPort?: number; headless?: boolean; ip?: string };

/**
 * Arguments for `temporal server start-dev` on a SQLite file. WAL with synchronous=normal more than
 * doubles the runs/s of the default pragmas (see TOOLCHAIN.md) and still survives kill -9.
 */
export function devServerArgs(options: DevServerOptions): string[] {
  const args = ['server', 'start-dev', '--db-filename', options.dbFile, '--port', String(options.port)];
  args.push('--ip', options.ip ?? '127.0.0.1', '--log-level', 'warn');
  args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  if (options.headless) args.push('--headless');
  else if (options.uiPort !== undefined) args.push('--ui-port', String(options.uiPort));
  return args;
}

function tcpReachable(address: string): Promise<boolean> {
  const [host = '127.0.0.1', port = '7233'] = address.split(':');
  return new Promise((done) => {
    const socket = connect({ host, port: Number(port), timeout: 1_000 });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.once('timeout', () => finish(false));
  });
}

/** How the CLI reaches a cluster (see `temporalCliConnection`); plaintext when not given. */
export type CliConnection = { args: string[]; env: Record<string, string> };

/** True when the cluster at `address` answers `operator cluster health` (or, with no CLI, accepts TCP). */
export function temporalIsHealthy(cli: string | undefined, address: string, connection?: CliConnection): Promise<boolean> {
  if (!cli) return tcpReachable(address);
  const target = connection ?? { args: ['--address', address, '--tls=false'], env: {} };
  const args = ['operator', 'cluster', 'health', ...target.args, '--command-timeout', '2s'];
  return new Promise((done) => {
    execFile(cli, args, { timeout: 5_000, env: { ...process.env, ...target.env } }, (error) => done(!error));
  });
}
