import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir, waitFor } from '../support/processes';
import { openPixelUrl, startPlatform, type Platform } from './platform';

type Block = { marker: string; code: string; line: number };

/** Every ```bash block of the README with the `<!-- readme-test: … -->` marker just above it ('' when there is none). */
function readmeBashBlocks(): Block[] {
  const readme = readFileSync(`${repoRoot}/README.md`, 'utf8');
  const blocks: Block[] = [];
  for (const match of readme.matchAll(/(?:<!-- readme-test: ([^\n]*?) -->\n)?```bash\n([\s\S]*?)\n```/g)) {
    blocks.push({ marker: match[1] ?? '', code: match[2] ?? '', line: readme.slice(0, match.index).split('\n').length });
  }
  return blocks;
}

type BashResult = { code: number | null; stdout: string; stderr: string };

/** Runs `script` with bash in an empty directory (nothing of this checkout's .data), with `env` on top of PATH/HOME. */
function runBash(script: string, env: Record<string, string>): Promise<BashResult> {
  return new Promise((done, fail) => {
    const child = spawn('bash', ['-c', script], { cwd: tempDir('lifecycle-readme-'), env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The test's own look after the script: what it made, printed on lines the walkthrough never prints. */
const reportVariables = '\necho; echo "README_TOKEN=$TOKEN"; echo "README_JOURNEY=$JOURNEY"';
const variable = (stdout: string, name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(stdout)?.[1] ?? '';

describe('the README', () => {
  it('marks every bash block as run by a test or skipped with a reason, so no runnable block goes unchecked', () => {
    const blocks = readmeBashBlocks();
    expect(blocks.filter((block) => !/^(run|skip) \(.+\)$/.test(block.marker)).map((block) => `README.md:${block.line}`)).toEqual([]);
    expect(blocks.filter((block) => block.marker.startsWith('run'))).toHaveLength(1);
  });
});

describe("the README's curl walkthrough, on a fresh start (no admin yet, as start.sh leaves it)", () => {
  let platform: Platform;
  let walkthrough: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    const block = readmeBashBlocks().find((candidate) => candidate.marker.startsWith('run'));
    walkthrough = block?.code ?? 'exit 99';
    platform = await startPlatform({ timeScale: 1, withoutAdmin: true });
    // The link start.sh shows in its banner is the one the API logs (start.ts copies it from this line).
    const setupLink = /Create the first admin within 24 hours at (\S+)/.exec(platform.api.logs())?.[1] ?? '';
    env = { API: platform.api.url, KEY: platform.env.WRITE_KEY ?? '', SETUP_LINK: setupLink };
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('creates the first admin with the setup link, publishes the journey, and the run sends the welcome email and waits for its open', async () => {
    expect(env.SETUP_LINK).toMatch(/\/#\/setup\/\S+$/);
    const result = await runBash(walkthrough + reportVariables, env);
    expect(result, `${result.stderr}\n${platform.logs()}`).toMatchObject({ code: 0 });
    const [token, journey] = [variable(result.stdout, 'README_TOKEN'), variable(result.stdout, 'README_JOURNEY')];
    expect(token, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toMatch(/^lc_/);

    // What step 5 promises: the email is in the catcher, and the run of this journey waits on wait_open.
    const email = await platform.waitForMail('ada@example.com', /^Welcome, Ada!$/);
    expect(email.html).toContain('Hi Ada, thanks for signing up.');
    const runs = async () => {
      const response = await fetch(`${platform.api.url}/api/runs?journeyId=${journey}`, { headers: { authorization: `Bearer ${token}` } });
      return ((await response.json()) as { runs: { workflowId: string; status: string; currentNodeId: string | null }[] }).runs;
    };
    expect(await runs()).toEqual([expect.objectContaining({ status: 'waiting', currentNodeId: 'wait_open' })]);
    expect(result.stdout).toContain('"currentNodeId":"wait_open"');

    // And the paragraph after it: loading the tracking pixel counts as an open, and the run completes.
    await fetch(openPixelUrl(email));
    await waitFor(async () => (await runs())[0]?.status === 'completed', { timeoutMs: 60_000, description: 'the run to complete after the open' });
  });

  it('stops at the first failing step with the API’s answer, instead of going on with an undefined token', async () => {
    // The admin exists now (the test above), so creating it again in step 0 is refused.
    const setupAgain = await runBash(walkthrough + reportVariables, env);
    expect(setupAgain.code).not.toBe(0);
    expect(setupAgain.stderr).toContain('returned error: 409');
    expect(setupAgain.stderr).toContain('"error":"already_set_up"');
    expect(setupAgain.stdout).not.toContain('README_TOKEN=');

    // A wrong write key: steps 0–3 pass, step 4's identify answers 401 and nothing after it runs.
    const { SETUP_LINK: _used, ...signIn } = env;
    const wrongKey = await runBash(walkthrough + reportVariables, { ...signIn, KEY: 'wk_not_a_key_0123' });
    expect(wrongKey.code).not.toBe(0);
    expect(wrongKey.stderr).toContain('returned error: 401');
    expect(wrongKey.stdout).toContain('"publishedAt"');
    expect(wrongKey.stdout).not.toContain('"runs"');
    expect(wrongKey.stdout).not.toContain('README_TOKEN=');
  });

  it('signs in as the admin it created when run again without the setup link', async () => {
    const { SETUP_LINK: _used, ...withoutLink } = env;
    const result = await runBash(walkthrough + reportVariables, withoutLink);
    expect(result, `${result.stderr}\n${platform.logs()}`).toMatchObject({ code: 0 });
    expect(variable(result.stdout, 'README_TOKEN')).toMatch(/^lc_/);
  });
});
