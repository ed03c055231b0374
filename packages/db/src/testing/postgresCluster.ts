import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A throwaway PostgreSQL server in a temporary folder, for tests and benches; `stop` ends it and deletes the folder. */
export type PostgresCluster = {
  /** `postgres://…` of the cluster's default database (`lifecycle`), for connecting as its superuser. */
  url: string;
  /** Creates a new empty database (or a copy of `template`) and answers its URL: each test file keeps to its own. */
  createDatabase: (prefix: string, template?: string) => Promise<string>;
  stop: () => void;
};

/** The superuser every throwaway cluster is made with (trusted, no password). */
export const SUPERUSER = 'lifecycle';

/**
 * The settings of every throwaway server, as `-c` values: fsync off, since a test cluster is thrown away with its
 * folder, never recovered after a crash.
 */
export const THROWAWAY_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];

/**
 * Where `initdb`, `pg_ctl` and `postgres` are: `POSTGRES_BIN` when set, else on PATH, else Debian's versioned folder
 * (`apt-get install postgresql` puts them under /usr/lib/postgresql/N/bin, not on PATH). scripts/ensurePostgres.sh
 * installs them on a machine that has none.
 */
export function findPostgresBin(): string | undefined {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return join(onPath, '..');
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const newest = readdirSync(debian)
    .filter((version) => existsSync(join(debian, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(debian, newest, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A cluster's files made by `initdb`, not yet started; `run` runs one of the server binaries on them to the end. */
export type PostgresFiles = {
  /** The folder of the server binaries. */
  bin: string;
  /** The cluster's folder: `data` inside it, room for a socket and a log beside. */
  dir: string;
  data: string;
  /** Whether the binaries must run as the `postgres` user (this process is root, which the server refuses). */
  asRoot: boolean;
  run: (command: string, args: string[]) => void;
};

/**
 * `initdb` into `dir` (a new temporary folder unless given), UTF-8, C locale, `SUPERUSER` trusted. The server refuses
 * to run as root, so as root the folder is handed to the `postgres` user Debian's package creates, which runs it.
 */
export function initPostgresFiles(dir = mkdtempSync(join(tmpdir(), 'lifecycle-pg-'))): PostgresFiles {
  const bin = findPostgresBin();
  if (bin === undefined)
    throw new Error('PostgreSQL server binaries not found: run `bash scripts/ensurePostgres.sh` (or set POSTGRES_BIN)');
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chmodSync(dir, 0o777);
    execFileSync('chown', ['postgres', dir]);
  }
  const run = (command: string, args: string[]) =>
    void execFileSync(asRoot ? 'runuser' : join(bin, command), asRoot ? ['-u', 'postgres', '--', join(bin, command), ...args] : args, {
      stdio: 'pipe',
    });
  run('initdb', ['-D', data, '-A', 'trust', '-U', SUPERUSER, '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  return { bin, dir, data, asRoot, run };
}

/** Runs `sql` on the database at `url` over a connection of its own (CREATE DATABASE runs in none of a pool's transactions). */
export async function queryPostgres<Row extends object = Record<string, unknown>>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Starts a new cluster: `initdb` into a temporary folder, then `pg_ctl start` on a free loopback port (~2 s). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const { dir, data, run } = initPostgresFiles();
  const port = await freePort();
  const settings = THROWAWAY_SETTINGS.map((setting) => `-c ${setting}`).join(' ');
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${settings}`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const base = `postgres://${SUPERUSER}@127.0.0.1:${port}`;
  await queryPostgres(`${base}/postgres`, `CREATE DATABASE ${SUPERUSER}`);
  let made = 0;
  return {
    url: `${base}/${SUPERUSER}`,
    createDatabase: async (prefix, template) => {
      const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${++made}`;
      await queryPostgres(`${base}/postgres`, `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
      return `${base}/${name}`;
    },
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
