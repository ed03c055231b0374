import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['packages/*/src/**/*.test.ts', 'workflows/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          globalSetup: ['tests/support/globalSetup.ts'],
          // Vitest's default (cores - 1) runs one file at a time on a 2-core CI machine, where most unit files spend their
          // time waiting on a Temporal test server, SQLite or a child process: two at a time halves the project's wall time.
          maxWorkers: Math.max(2, availableParallelism() - 1),
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // The data layer's tests again with every test database on a throwaway PostgreSQL server (testDatabase.ts):
          // the queries, the rollups, the API routes, the dispatcher and the worker's activities, on the backend
          // DATABASE_URL selects. `LIFECYCLE_TEST_DATABASE=postgres pnpm exec vitest run --project unit` runs all of
          // the unit tests that way; CI runs this part, which keeps its run under its time limit.
          name: 'postgres',
          sequence: { groupOrder: 2 },
          include: [
            'packages/db/src/{queries,analytics}/**/*.test.ts',
            'apps/api/src/{routes,dispatch,services,entries}/**/*.test.ts',
            'apps/worker/src/activities/**/*.test.ts',
          ],
          globalSetup: ['tests/support/globalSetup.ts'],
          maxWorkers: Math.max(2, availableParallelism() - 1),
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // End-to-end journeys again with every platform's app data on Postgres (tests/e2e/appDatabase.ts): events to
          // emails, waits, entries, segments, stages, offers and crashes mid-send. `LIFECYCLE_TEST_DATABASE=postgres
          // pnpm exec vitest run --project e2e` runs every end-to-end test that way (about 25 minutes here); CI runs
          // these, which keeps its run under its time limit. After the others, two files at a time as in `e2e`.
          name: 'e2e-postgres',
          sequence: { groupOrder: 3 },
          include: [
            'tests/e2e/welcomeJourney.test.ts',
            'tests/e2e/eventRouting.test.ts',
            'tests/e2e/waits.test.ts',
            'tests/e2e/entries.test.ts',
            'tests/e2e/customersAndSegments.test.ts',
            'tests/e2e/audienceTrigger.test.ts',
            'tests/e2e/lifecycleTriggers.test.ts',
            'tests/e2e/offers.test.ts',
            'tests/e2e/crash.test.ts',
          ],
          globalSetup: ['tests/support/globalSetup.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 1 },
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/globalSetup.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          // Two files at a time: an end-to-end file spends most of its time waiting on its own platform (Temporal
          // timers, polls, a browser), so two overlap well on two cores; each has its own processes, ports and files.
          maxWorkers: 2,
        },
      },
    ],
  },
});
