import { appendFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { initPostgresFiles, queryPostgres, SUPERUSER, THROWAWAY_SETTINGS } from '../../packages/db/src/testing/postgresCluster';
import type { Host } from './network';
import type { Launch } from './processes';

/** A throwaway PostgreSQL server for one host of a test network, not yet started. */
export type HostPostgres = {
  /** The server as a process: start it with the host's `runs`, and stop it after the processes that use it. */
  launch: Launch;
  /** `postgres://superuser@address:port`, without a database: how every host reaches it. */
  server: string;
  /** Creates the database `name` as the app needs it (C locale, as deploy/postgres-init does) and answers its URL. */
  createAppDatabase(name: string): Promise<string>;
};

const PORT = 5432; // the host's own network namespace: no other server has it there

/**
 * `initdb` into `host.dir`/postgres, and the server to run on the host: listening on the host's network address only
 * (no Unix socket, which would be a file other hosts could reach), trusting every host of the network.
 */
export function hostPostgres(host: Host): HostPostgres {
  const dir = join(host.dir, 'postgres');
  mkdirSync(dir);
  // As root the server runs as the `postgres` user, which must get through the host's folder to its own.
  chmodSync(host.dir, 0o711);
  const { bin, data, asRoot } = initPostgresFiles(dir);
  // `samenet`: any address of the networks the server is on, so each host of the test network (and the test itself).
  appendFileSync(join(data, 'pg_hba.conf'), '\nhost all all samenet trust\n');
  const settings = [`listen_addresses=${host.address}`, 'unix_socket_directories=', ...THROWAWAY_SETTINGS];
  const postgres = [join(bin, 'postgres'), '-D', data, '-p', String(PORT), ...settings.flatMap((setting) => ['-c', setting])];
  // setpriv execs the server (runuser would stay its parent): stopping or killing the launch reaches the server itself.
  const [command, ...args] = asRoot ? ['setpriv', '--reuid=postgres', '--regid=postgres', '--init-groups', '--', ...postgres] : postgres;
  const server = `postgres://${SUPERUSER}@${host.address}:${PORT}`;
  return {
    launch: { name: 'postgres', command: command!, args, ready: () => queryPostgres(`${server}/postgres`, 'SELECT 1').then(() => true) },
    server,
    createAppDatabase: async (name) => {
      await queryPostgres(`${server}/postgres`, `CREATE DATABASE "${name}" TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'`);
      return `${server}/${name}`;
    },
  };
}
