import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const module = fileURLToPath(new URL('./crashFault.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runFault(marker: string) {
  const script = `const { crashAfterSendIfAsked } = await import(${JSON.stringify(module)}); crashAfterSendIfAsked('d1'); console.log('alive');`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
    env: { ...process.env, LIFECYCLE_FAULT_CRASH_AFTER_SEND: marker },
    encoding: 'utf8',
  });
}

describe('crashAfterSendIfAsked', () => {
  it('kills the process with SIGKILL the first time only, leaving the marker', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-fault-'));
    dirs.push(dir);
    const marker = join(dir, 'crashed');
    const first = runFault(marker);
    expect(first.signal).toBe('SIGKILL');
    expect(readFileSync(marker, 'utf8')).toBe('d1');
    const second = runFault(marker);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('alive');
    expect(existsSync(marker)).toBe(true);
  });
});
