import { randomUUID } from 'node:crypto';
import { closeRunFromTemporal, staleActiveRuns, takeSweepLock, type ActiveRunStatus, type Db, type RunAuditCursor } from '@lifecycle/db';
import type { RunStarter } from '../runStarter';
import { SWEEP_LEASE_MS } from './lease';

/** One holder id per process: API processes sharing a database take turns through the `run-audit` lock row. */
const holder = `run-audit-${process.pid}-${randomUUID().slice(0, 8)}`;

/** Questions to Temporal at once during a pass. */
const CONCURRENCY = 8;

/** What became of a run Temporal closed without the run recording its end, in the words the runs monitor shows. */
function outcomeOf(found: { status: string; closedAt: string | null } | 'not_found'): { status: 'failed' | 'cancelled'; error: string } | null {
  if (found === 'not_found') return { status: 'failed', error: 'lost: Temporal no longer knows this run (its history was removed, or the cluster was reset); it will not go on' };
  const when = found.closedAt ? ` at ${found.closedAt}` : '';
  switch (found.status) {
    case 'TERMINATED':
      return { status: 'failed', error: `terminated in Temporal${when} (by an operator or a tool): it stopped where it was, and no later step ran` };
    case 'TIMED_OUT':
      return { status: 'failed', error: `timed out in Temporal${when}: it stopped where it was, and no later step ran` };
    case 'FAILED':
      return { status: 'failed', error: `failed in Temporal${when} without recording why` };
    case 'CANCELLED':
      return { status: 'cancelled', error: `cancelled in Temporal${when}` };
    default:
      return null; // running (a long wait), or ended and about to be recorded: nothing to do
  }
}

export type RunAuditState = { cursors: Record<ActiveRunStatus, RunAuditCursor | null> };
export const newRunAuditState = (): RunAuditState => ({ cursors: { running: null, waiting: null } });

/**
 * One pass of the run audit: asks Temporal about up to `limit` runs the database shows running or waiting but that
 * have not moved for `staleMs`, walking all such runs over successive passes (`state` keeps where it is), and ends the
 * ones Temporal terminated, timed out or no longer knows, with what happened as their error. Without it such a run's
 * row would say `waiting` forever. One process at a time (lease `run-audit`); Temporal unreachable: the pass throws
 * and nothing changes.
 */
export async function auditRuns(deps: { db: Db; runs: RunStarter }, state: RunAuditState, options: { now?: Date; staleMs: number; limit?: number }): Promise<{ checked: number; closed: number }> {
  const describe = deps.runs.describeRun?.bind(deps.runs);
  const now = options.now ?? new Date();
  if (!describe || !(await takeSweepLock(deps.db, 'run-audit', holder, SWEEP_LEASE_MS, now))) return { checked: 0, closed: 0 };
  const before = new Date(now.getTime() - options.staleMs).toISOString();
  const limit = options.limit ?? 100;
  let checked = 0;
  let closed = 0;
  for (const status of ['running', 'waiting'] as const) {
    const page = await staleActiveRuns(deps.db, status, before, state.cursors[status], Math.ceil(limit / 2));
    for (let i = 0; i < page.length; i += CONCURRENCY) {
      const answers = await Promise.all(page.slice(i, i + CONCURRENCY).map(async (run) => ({ run, found: await describe(run.workflowId) })));
      for (const { run, found } of answers) {
        checked++;
        const outcome = outcomeOf(found);
        if (outcome && (await closeRunFromTemporal(deps.db, run.workflowId, outcome, new Date().toISOString()))) closed++;
      }
    }
    // A short page is the end of the walk: the next pass starts again from the oldest.
    state.cursors[status] = page.length < Math.ceil(limit / 2) ? null : page.at(-1)!;
  }
  return { checked, closed };
}

/**
 * Runs the audit every `intervalMs`, skipping a tick while a pass is still going; returns a stop function that resolves
 * once the pass in progress, if any, has ended (the database may be closed after it).
 */
export function startRunAudit(deps: { db: Db; runs: RunStarter; log?: (message: string) => void }, options: { intervalMs: number; staleMs: number }): () => Promise<void> {
  const state = newRunAuditState();
  let running: Promise<void> | undefined;
  let failing = false;
  const timer = setInterval(() => {
    if (running) return;
    running = auditRuns(deps, state, { staleMs: options.staleMs })
      .then((result) => {
        failing = false;
        if (result.closed > 0) deps.log?.(`run audit: ${result.closed} run(s) Temporal had closed or lost, marked as such`);
      })
      .catch((error: unknown) => {
        // Temporal or the database unreachable: the next pass tries again. Said once per run of failures.
        if (!failing) deps.log?.(`run audit: ${error instanceof Error ? error.message : String(error)}`);
        failing = true;
      })
      .finally(() => (running = undefined));
  }, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
