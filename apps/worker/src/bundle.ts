import { bundleWorkflowCode } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';

const workflowsPath = fileURLToPath(new URL('../../../workflows/src/index.ts', import.meta.url));

/** Bundles the journey workflows once; hand the result to `createJourneyWorker` as `workflowBundle`. */
export async function bundleJourneyWorkflows(): Promise<{ code: string }> {
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
  return { code };
}

const ignore = () => undefined;
const quietLogger = { trace: ignore, debug: ignore, info: ignore, warn: console.warn, error: console.error, log: ignore };
