import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { SHARED_WORKFLOW_MODULES } from '../../workflows/src/sharedModules';
import type { TestProject } from 'vitest/node';
import { preparePostgres } from '../../packages/db/src/postgres/openPostgres';
import { startPostgresCluster, type PostgresCluster } from '../../packages/db/src/testing/postgresCluster';
import type { TestPostgres } from '../../packages/db/src/testing/testDatabase';

// The same paths as workflowBundle.ts, which runs inside test workers (it imports `vitest`; this file must not).
const workflowsPath = fileURLToPath(new URL('../../workflows/src/index.ts', import.meta.url));
const bundleFile = fileURLToPath(new URL('../../.data/test/journey-workflows.bundle.js', import.meta.url));

let bundled: Promise<string> | undefined;
let postgres: Promise<{ cluster: PostgresCluster; provided: TestPostgres }> | undefined;

/** One throwaway Postgres server for the run, with a migrated template every test database is copied from. */
async function startTestPostgres(): Promise<{ cluster: PostgresCluster; provided: TestPostgres }> {
  const cluster = await startPostgresCluster();
  const url = await cluster.createDatabase('lifecycle_template');
  await preparePostgres(url);
  return { cluster, provided: { server: url.replace(/\/[^/]+$/, ''), template: new URL(url).pathname.slice(1) } };
}

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

/** The Vitest projects whose tests run on Postgres (vitest.config.ts). */
const POSTGRES_PROJECTS = new Set(['postgres', 'e2e-postgres']);

/**
 * Bundles the journey workflows once per vitest run (shared by both projects) and provides the file's path.
 * A failed bundle must not break unrelated tests: it is reported, and workflow tests then bundle in-process.
 */
export default async function setup(project: TestProject): Promise<void | (() => Promise<void>)> {
  bundled ??= writeBundle().catch((error: unknown) => {
    console.warn(`journey workflow bundle failed; workflow tests will bundle in-process: ${(error as Error).message}`);
    return '';
  });
  project.provide('journeyWorkflowBundlePath', await bundled);
  // The `postgres` and `e2e-postgres` projects (or LIFECYCLE_TEST_DATABASE=postgres for any): the tests' databases
  // are Postgres ones (testDatabase.ts, tests/e2e/appDatabase.ts); otherwise SQLite files.
  if (!POSTGRES_PROJECTS.has(project.name) && process.env.LIFECYCLE_TEST_DATABASE !== 'postgres') {
    project.provide('testPostgres', null);
    return;
  }
  const first = !postgres;
  postgres ??= startTestPostgres();
  project.provide('testPostgres', (await postgres).provided);
  if (first) return async () => (await postgres)?.cluster.stop();
}
