import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { sdkExecutable, temporalTestServerPath } from '../../../../scripts/temporalBinaries';
import { SHARED_WORKFLOW_MODULES } from '@lifecycle/workflows/sharedModules';
import { HttpError } from '../errors';

/** The journey workflows, as the worker bundles them (apps/worker/src/bundle.ts): the same step code as real runs. */
const workflowsPath = fileURLToPath(new URL('../../../../workflows/src/index.ts', import.meta.url));

/** How many simulations run at once in one API process; more are answered 503 `busy`. */
export const MAX_CONCURRENT_SIMULATIONS = 2;

type Bundle = { code: string };
let bundle: Promise<Bundle> | undefined;
let running = 0;

const ignore = () => undefined;
const quietLogger = { trace: ignore, debug: ignore, info: ignore, warn: console.warn, error: console.error, log: ignore };

/** Hands the simulator a bundle made elsewhere (tests bundle once per vitest run). */
export function useSimulationBundle(code: Promise<Bundle>): void {
  bundle = code;
}

/** The workflow bundle, made once per process on the first simulation (~1 s) and reused. */
export function simulationBundle(): Promise<Bundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: quietLogger, preloadModules: SHARED_WORKFLOW_MODULES }).then(({ code }) => ({ code }));
  // A failed bundle is not cached: the next simulation tries again.
  bundle.catch(() => {
    bundle = undefined;
  });
  return bundle;
}

function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // already installed in this process
  }
}

/**
 * A fresh time-skipping test server for one simulation. Each simulation gets its own because the server has one
 * clock: a shared one would have every simulation skip the others' time, and its clock would drift past the real
 * date (a wait until a date, a date trait, would then misread). The binary is found as the tests find it
 * (TEMPORAL_TEST_SERVER, the project's .tools/venv, PATH; installed by scripts/setup.sh and start.sh).
 */
export async function startSimulationServer(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: sdkExecutable(temporalTestServerPath()) } });
}

/** Runs `work` in one of the simulation slots; 503 `busy` when all are taken (a hostile client cannot pile them up). */
export async function inSimulationSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_SIMULATIONS) {
    throw new HttpError(503, 'busy', `${MAX_CONCURRENT_SIMULATIONS} simulations are already running; try again in a few seconds`, {}, { 'retry-after': '5' });
  }
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
  }
}
