import { SHARED_WORKFLOW_MODULES } from '@lifecycle/workflows/sharedModules';
import { bundleWorkflowCode } from '@temporalio/worker';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const workflowsPath = fileURLToPath(new URL('../../../workflows/src/index.ts', import.meta.url));

/**
 * Bundles the journey workflows once; hand the result to `createJourneyWorker` as `workflowBundle`. With
 * `JOURNEY_WORKFLOW_BUNDLE` set to a file made by the same bundler from the same sources (the test run makes one per
 * run), that file is used instead: bundling costs ~7 s of CPU at every worker start, and the e2e suite starts fifty.
 */
export async function bundleJourneyWorkflows(prebuilt = process.env.JOURNEY_WORKFLOW_BUNDLE): Promise<{ code: string }> {
  if (prebuilt) return { code: await readFile(prebuilt, 'utf8') };
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quietLogger, preloadModules: SHARED_WORKFLOW_MODULES });
  return { code };
}

const ignore = () => undefined;
const quietLogger = { trace: ignore, debug: ignore, info: ignore, warn: console.warn, error: console.error, log: ignore };
