import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { SHARED_WORKFLOW_MODULES } from '../../workflows/src/sharedModules';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The journey workflows bundled once per vitest run by globalSetup; empty when that bundle failed. */
    journeyWorkflowBundlePath: string;
  }
}

/** The workflows' entry point, as the worker bundles it. */
export const journeyWorkflowsPath = fileURLToPath(new URL('../../workflows/src/index.ts', import.meta.url));

/** Bundles the journey workflows with Temporal's bundler (about a second; use the cached bundle in tests). */
export async function bundleJourneyWorkflows(): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath: journeyWorkflowsPath, logger: quietLogger, preloadModules: SHARED_WORKFLOW_MODULES });
}

let cached: Promise<{ code: string }> | undefined;

/** The bundle file globalSetup wrote this run, when inside a vitest worker. */
export function providedBundlePath(): string | undefined {
  try {
    return inject('journeyWorkflowBundlePath') || undefined;
  } catch {
    return undefined; // not inside a vitest worker (e.g. a bench script)
  }
}

/**
 * The journey workflow bundle for `Worker.create({ workflowBundle })`: the file globalSetup wrote this run,
 * else a fresh in-process bundle. Bundling once saves ~1 s and ~80 MB per worker.
 */
export function journeyWorkflowBundle(): Promise<{ code: string }> {
  cached ??= (async () => {
    const file = providedBundlePath();
    if (file && existsSync(file)) return { code: await readFile(file, 'utf8') };
    return bundleJourneyWorkflows();
  })();
  return cached;
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
