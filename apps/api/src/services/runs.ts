import {
  countRunsByStatus,
  countRunsWithFailures,
  failuresOfRun,
  getRun,
  listDeliveriesForWorkflow,
  listRunSteps,
  listRunsPage,
  offerCodesOfRun,
  type Db,
  type RunsFilter,
  type RunsKey,
  type RunsSort,
} from '@lifecycle/db';
import { z } from 'zod';
import { HttpError, notFound } from '../errors';
import { monitorConfig, temporalUiLink } from '../observability/monitorConfig';
import { nameRuns } from './runNames';

const RunStatus = z.enum(['running', 'waiting', 'completed', 'failed', 'cancelled', 'converted']);
const Id = z.string().min(1).max(500);

/** The filter shared by the runs list, the counts and bulk cancel. */
export const RunsFilterQuery = z.object({
  journeyId: Id.optional(),
  versionId: Id.optional(),
  status: RunStatus.optional(),
  currentNodeId: Id.optional(),
  customerId: Id.optional(),
  startedAfter: z.iso.datetime({ offset: true }).optional(),
  startedBefore: z.iso.datetime({ offset: true }).optional(),
  /** `true`: only runs that went wrong — ended `failed`, or a step failed for good (a send that failed) while the run went on. */
  withFailures: z.enum(['true', 'false']).optional(),
});
export type RunsFilterQuery = z.infer<typeof RunsFilterQuery>;

/** GET /api/runs query parameters: the filter, an order (`-` = newest first) and a keyset page. */
export const RunsQuery = RunsFilterQuery.extend({
  sort: z.enum(['-startedAt', 'startedAt', '-updatedAt', 'updatedAt']).default('-startedAt'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(2000).optional(),
});
export type RunsQuery = z.infer<typeof RunsQuery>;

const Cursor = z.object({ sort: RunsQuery.shape.sort.unwrap(), value: z.string(), workflowId: z.string() });

/** Timestamps are compared as stored (ISO UTC), so a filter given with an offset is normalised first. */
export function runsFilter(query: RunsFilterQuery): RunsFilter {
  const iso = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);
  return { ...query, startedAfter: iso(query.startedAfter), startedBefore: iso(query.startedBefore), withFailures: query.withFailures === 'true' };
}

function sortOf(sort: RunsQuery['sort']): RunsSort {
  return { by: sort.endsWith('updatedAt') ? 'updatedAt' : 'startedAt', direction: sort.startsWith('-') ? 'desc' : 'asc' };
}

function decodeCursor(text: string, sort: RunsQuery['sort']): RunsKey {
  const parsed = Cursor.safeParse((() => {
    try {
      return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
  })());
  if (!parsed.success || parsed.data.sort !== sort) {
    throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this API gave out for this order', { issues: [{ path: 'cursor', message: 'invalid cursor' }] });
  }
  return parsed.data;
}

/** A page of runs in the asked order, each with its journey, version, customer and current node named; `nextCursor` is null on the last page. */
export async function pageOfRuns(db: Db, query: RunsQuery) {
  const sort = sortOf(query.sort);
  const after = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined;
  const rows = await listRunsPage(db, runsFilter(query), sort, query.limit + 1, after);
  const runs = rows.slice(0, query.limit);
  const last = runs.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? Buffer.from(JSON.stringify({ sort: query.sort, value: last[sort.by], workflowId: last.workflowId })).toString('base64url')
      : null;
  return { runs: (await nameRuns(db, runs)).runs, nextCursor };
}

/** How many runs match the filter, per status, in all, and how many of them went wrong (whatever their status). */
export async function runCounts(db: Db, query: RunsFilterQuery) {
  const filter = runsFilter({ ...query, status: undefined, withFailures: undefined });
  const byStatus = await countRunsByStatus(db, filter);
  const counts = Object.fromEntries(RunStatus.options.map((status) => [status, byStatus[status] ?? 0])) as Record<z.infer<typeof RunStatus>, number>;
  return { counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0), withFailures: await countRunsWithFailures(db, filter) };
}

/**
 * A run with every step it took (branch steps carry their reason in `detail`), every email it meant to send with
 * opened/clicked, the offer codes it was granted, its activity failures and a link to Temporal's UI; named (journey,
 * version, customer, current node) with the names of its version's nodes, templates and offers.
 */
export async function runDetail(db: Db, workflowId: string, namespace: string) {
  const run = await getRun(db, workflowId);
  if (!run) throw notFound('run', workflowId);
  const named = await nameRuns(db, [run]);
  return {
    run: named.runs[0] ?? run,
    names: named.byVersion.get(run.versionId) ?? { nodes: {}, templates: {}, offers: {} },
    steps: await listRunSteps(db, workflowId),
    deliveries: await listDeliveriesForWorkflow(db, workflowId),
    offerCodes: await offerCodesOfRun(db, workflowId),
    failures: await failuresOfRun(db, workflowId),
    temporalUrl: temporalUiLink(monitorConfig(), namespace, workflowId),
  };
}
