import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { SHARED_WORKFLOW_MODULES } from '../../workflows/src/sharedModules';
import type { TestProject } from 'vitest/node';

// The same paths as workflowBundle.ts, which runs inside test workers (it imports `vitest`; this file must not).
const workflowsPath = fileURLToPath(new URL('../../workflows/src/index.ts', import.meta.url));
const bundleFile = fileURLToPath(new URL('../../.data/test/journey-workflows.bundle.js', import.meta.url));

let bundled: Promise<string> | undefined;

/** Bundles the journey workflows to a file; a temporary name + rename keeps concurrent vitest runs from reading half a file. */
async function writeBundle(): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    preloadModules: SHARED_WORKFLOW_MODULES,
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error },
  });
  await mkdir(dirname(bundleFile), { recursive: true });
  const partial = `${bundleFile}.${process.pid}.tmp`;
  await writeFile(partial, code);
  await rename(partial, bundleFile);
  return bundleFile;
}

/**
 * Bundles the journey workflows once per vitest run (shared by both projects) and provides the file's path.
 * A failed bundle must not break unrelated tests: it is reported, and workflow tests then bundle in-process.
 */
export default async function setup(project: TestProject): Promise<void> {
  bundled ??= writeBundle().catch((error: unknown) => {
    console.warn(`journey workflow bundle failed; workflow tests will bundle in-process: ${(error as Error).message}`);
    return '';
  });
  project.provide('journeyWorkflowBundlePath', await bundled);
}
