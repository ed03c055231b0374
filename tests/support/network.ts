import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { repoRoot, tempDir, type Launch } from './processes';

const exec = promisify(execFile);
const ip = async (...args: string[]) => void (await exec('ip', args));

/**
 * One "host": a network namespace with its own address on the test network, and a folder of its own its processes run
 * in. The file system stays one, so a test proves that hosts share no file by what it finds in each host's folder.
 */
export type Host = {
  name: string;
  netns: string;
  address: string;
  /** This host's own temporary folder: its processes' working directory, where their relative paths land. */
  dir: string;
  /** `launch` run inside this host's namespace, in its folder (the launch's paths must be absolute: see `hostEntry`). */
  runs(launch: Launch): Launch;
  /** Pulls this host's cable: nothing reaches it or leaves it until `mend`. */
  cut(): Promise<void>;
  mend(): Promise<void>;
};

export type Network = { hosts: Record<string, Host>; /** the test process's own address on the network */ testerAddress: string; remove(): Promise<void> };

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** `node` running the repository's TypeScript entry `path` from any working directory (tsxEntry's is the repository). */
export function hostEntry(path: string): { command: string; args: string[] } {
  return { command: process.execPath, args: ['--import', tsxLoader, join(repoRoot, path)] };
}

/** Whether this machine lets a test make network namespaces and veth pairs (root and iproute2). */
export async function namespacesAvailable(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  try {
    await ip('netns', 'list');
    return true;
  } catch {
    return false;
  }
}

/**
 * Hosts on one switch: a namespace holding a bridge, and per host a namespace joined to it by a veth pair, plus a veth
 * from the test process's own namespace so tests reach every host. Names carry the test process id (namespaces and
 * links are machine-wide); the subnet is private and derived from it too.
 */
export async function createNetwork(names: string[]): Promise<Network> {
  const tag = `lc${process.pid % 100_000}`;
  const subnet = `10.${200 + (process.pid % 50)}.${Math.floor(process.pid / 50) % 250}`;
  const switchNs = `${tag}-switch`;
  const namespaces = [switchNs, ...names.map((name) => `${tag}-${name}`)];
  const testerLink = `${tag}t`;
  const remove = async () => {
    for (const netns of namespaces) await ip('netns', 'del', netns).catch(() => undefined);
    await ip('link', 'del', testerLink).catch(() => undefined); // gone already when its peer's namespace went
  };
  await remove(); // what a killed earlier run of the same process id left

  await ip('netns', 'add', switchNs);
  await ip('-n', switchNs, 'link', 'add', 'br0', 'type', 'bridge');
  await ip('-n', switchNs, 'link', 'set', 'br0', 'up');
  const plug = async (link: string, port: string) => {
    await ip('link', 'add', link, 'type', 'veth', 'peer', 'name', port);
    await ip('link', 'set', port, 'netns', switchNs);
    await ip('-n', switchNs, 'link', 'set', port, 'master', 'br0');
    await ip('-n', switchNs, 'link', 'set', port, 'up');
  };

  const hosts: Record<string, Host> = {};
  for (const [index, name] of names.entries()) {
    const netns = `${tag}-${name}`;
    const link = `${tag}h${index}`;
    const port = `${tag}s${index}`;
    const address = `${subnet}.${index + 2}`;
    await ip('netns', 'add', netns);
    await plug(link, port);
    await ip('link', 'set', link, 'netns', netns);
    await ip('-n', netns, 'addr', 'add', `${address}/24`, 'dev', link);
    await ip('-n', netns, 'link', 'set', link, 'up');
    await ip('-n', netns, 'link', 'set', 'lo', 'up');
    const dir = tempDir(`lifecycle-${name}-`);
    hosts[name] = {
      name,
      netns,
      address,
      dir,
      // `ip netns exec` and `env` exec the command in turn: the process a test stops or kills is the command itself.
      runs: (launch) => ({ ...launch, command: 'ip', args: ['netns', 'exec', netns, 'env', '--chdir', dir, launch.command, ...launch.args] }),
      cut: () => ip('-n', switchNs, 'link', 'set', port, 'down'),
      mend: () => ip('-n', switchNs, 'link', 'set', port, 'up'),
    };
  }
  await plug(testerLink, `${tag}tb`);
  await ip('addr', 'add', `${subnet}.1/24`, 'dev', testerLink);
  await ip('link', 'set', testerLink, 'up');
  return { hosts, testerAddress: `${subnet}.1`, remove };
}
