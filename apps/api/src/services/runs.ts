import { getRun, listDeliveriesForWorkflow, listRuns, listRunSteps, type Db, type RunCursor } from '@lifecycle/db';
import { z } from 'zod';
import { HttpError, notFound } from '../errors';

/** GET /api/runs query parameters. */
export const RunsQuery = z.object({
  journeyId: z.string().min(1).optional(),
  status: z.enum(['running', 'waiting', 'completed', 'failed', 'cancelled', 'converted']).optional(),
  customerId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional(),
});
export type RunsQuery = z.infer<typeof RunsQuery>;

const Cursor = z.object({ startedAt: z.string(), workflowId: z.string() });

function encodeCursor(cursor: RunCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): RunCursor {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this API gave out', { issues: [{ path: 'cursor', message: 'invalid cursor' }] });
  }
}

/** A page of runs, newest first; `nextCursor` is null on the last page. */
export function pageOfRuns(db: Db, query: RunsQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = listRuns(db, query, query.limit + 1, after);
  const runs = rows.slice(0, query.limit);
  const last = runs.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ startedAt: last.startedAt, workflowId: last.workflowId }) : null;
  return { runs, nextCursor };
}

/** A run with every step it took and every email it meant to send. */
export function runDetail(db: Db, workflowId: string) {
  const run = getRun(db, workflowId);
  if (!run) throw notFound('run', workflowId);
  return { run, steps: listRunSteps(db, workflowId), deliveries: listDeliveriesForWorkflow(db, workflowId) };
}
