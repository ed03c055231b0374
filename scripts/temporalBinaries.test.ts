import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { provisionTemporalBinaries } from './temporalBinaries';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An empty `.tools/venv` location and a PATH with node only, so nothing is found by accident. */
function sandbox() {
  const dir = mkdtempSync(join(tmpdir(), 'lifecycle-tools-'));
  dirs.push(dir);
  const cli = join(dir, 'temporal');
  writeFileSync(cli, '#!/bin/sh\n', { mode: 0o755 });
  return { dir, venv: join(dir, '.tools', 'venv'), cli, path: dirname(process.execPath) };
}

describe('provisioning the Temporal binaries', () => {
  it('for start.sh also resolves the time-skipping test server: the journey simulator runs on it', () => {
    const { dir, venv, cli, path } = sandbox();
    const testServer = join(dir, 'temporal-test-server');
    writeFileSync(testServer, '#!/bin/sh\n', { mode: 0o755 });
    const lines = provisionTemporalBinaries('start', { venv, env: { PATH: path, TEMPORAL_CLI: cli, TEMPORAL_TEST_SERVER: testServer } });
    expect(lines).toEqual([`temporal: ${cli}`, `temporal-test-server (journey simulator): ${testServer}`]);
  });

  it('for the tests also resolves the time-skipping test server', () => {
    const { dir, venv, cli, path } = sandbox();
    const testServer = join(dir, 'temporal-test-server');
    writeFileSync(testServer, '#!/bin/sh\n', { mode: 0o755 });
    const lines = provisionTemporalBinaries('test', { venv, env: { PATH: path, TEMPORAL_CLI: cli, TEMPORAL_TEST_SERVER: testServer } });
    expect(lines).toEqual([`temporal: ${cli}`, `temporal-test-server: ${testServer}`]);
  });

  it('is what `bash scripts/start.sh` runs: its setup checks the temporal CLI and the simulator\'s test server', () => {
    // A TLS file that does not exist stops start.ts right after setup, before it starts anything.
    const root = fileURLToPath(new URL('..', import.meta.url));
    const env = { ...process.env, NO_COLOR: '1', TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_TLS_CA: '/nonexistent/ca.pem' };
    const run = spawnSync('bash', ['scripts/start.sh'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    expect(run.stdout).toContain('checking Temporal binaries');
    expect(run.stdout).toMatch(/^temporal: /m);
    expect(run.stdout).toMatch(/^temporal-test-server \(journey simulator\): /m);
    expect(run.stderr).toContain('TEMPORAL_TLS_CA: cannot read /nonexistent/ca.pem');
  });
});
