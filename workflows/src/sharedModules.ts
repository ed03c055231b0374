/**
 * Modules the workflow bundle loads once per worker thread and shares across runs (Temporal's `preloadModules`),
 * for every bundle of these workflows (worker, tests, simulator, benches).
 *
 * Why: with the reusable V8 context each run otherwise evaluates every module it imports afresh, to keep module
 * state apart. `@lifecycle/journey` (with zod and luxon under it) builds every journey schema at load: ~60% of the
 * workflow thread's CPU per run and most of the ~2.9 MB each cached run held (CPU profile, bench/journeyThroughput.ts).
 *
 * Safe only for modules whose state is fixed once loaded: `@lifecycle/journey` is pure (no I/O, no clock or random
 * at load, module-level values are constant tables and schemas), so a run can neither see nor leave state behind
 * there. Workflow modules (workflows/src) hold per-run state and must never be listed.
 */
export const SHARED_WORKFLOW_MODULES = ['@lifecycle/journey'];
