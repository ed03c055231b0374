import { and, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { journeyDailyRuns } from '../analytics/journeysSchema';
import { journeys, journeyVersions } from '../schema';

/** What the journeys list filters by: `active` is every journey not archived (the default view). */
export type JourneyListStatus = 'active' | 'draft' | 'live' | 'paused' | 'archived';

/** GET /api/journeys/overview filters and the keyset of the last row of the previous page. */
export type JourneyListFilter = { q?: string; status: JourneyListStatus; limit: number; after?: { updatedAt: string; id: string } };

/** A journey as the list shows it: no draft, with its live version number and its runs in progress and converted. */
export type JourneyListRow = {
  id: string;
  name: string;
  lifecycleStage: string | null;
  status: 'draft' | 'live' | 'paused' | 'archived';
  archivedAt: string | null;
  liveVersion: number | null;
  updatedAt: string;
  inProgress: number;
  converted: number;
};

/** `%` and `_` typed by a person are letters, not wildcards. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function nameMatches(q: string | undefined): SQL | undefined {
  // lower() on both sides: SQLite's LIKE ignores ASCII case, Postgres's does not.
  return q ? sql`lower(${journeys.name}) like lower(${containing(q)}) escape '\\'` : undefined;
}

function statusMatches(status: JourneyListStatus): SQL | undefined {
  switch (status) {
    case 'active':
      return isNull(journeys.archivedAt);
    case 'archived':
      return isNotNull(journeys.archivedAt);
    case 'draft':
    case 'live':
    case 'paused':
      return and(isNull(journeys.archivedAt), eq(journeys.status, status));
    default: {
      const unknown: never = status;
      throw new Error(`unknown journey list status ${String(unknown)}`);
    }
  }
}

/**
 * A page of journeys, most recently changed first (keyset over updated_at, id), with their run counts read from the
 * analytics run counters (journey_daily_runs, kept by triggers) through a covering index: the cost grows with the
 * page, never with the number of runs.
 */
export async function listJourneyPage(db: Db, filter: JourneyListFilter): Promise<JourneyListRow[]> {
  const after = filter.after
    ? or(lt(journeys.updatedAt, filter.after.updatedAt), and(eq(journeys.updatedAt, filter.after.updatedAt), lt(journeys.id, filter.after.id)))
    : undefined;
  const rows = await db
    .select({
      id: journeys.id,
      name: journeys.name,
      lifecycleStage: journeys.lifecycleStage,
      status: journeys.status,
      archivedAt: journeys.archivedAt,
      liveVersion: journeyVersions.version,
      updatedAt: journeys.updatedAt,
    })
    .from(journeys)
    .leftJoin(journeyVersions, eq(journeyVersions.id, journeys.liveVersionId))
    .where(and(nameMatches(filter.q), statusMatches(filter.status), after))
    .orderBy(desc(journeys.updatedAt), desc(journeys.id))
    .limit(filter.limit);
  const counts = await runCountsOf(db, rows.map((row) => row.id));
  return rows.map((row) => ({ ...row, liveVersion: row.liveVersion ?? null, ...(counts.get(row.id) ?? { inProgress: 0, converted: 0 }) }));
}

/** Runs in progress (running or waiting) and converted per journey, from the analytics counters. */
async function runCountsOf(db: Db, journeyIds: string[]): Promise<Map<string, { inProgress: number; converted: number }>> {
  if (journeyIds.length === 0) return new Map();
  const rows = await db
    .select({
      journeyId: journeyDailyRuns.journeyId,
      inProgress: sql<number>`coalesce(sum(case when ${journeyDailyRuns.status} in ('running', 'waiting') then ${journeyDailyRuns.runs} end), 0)`,
      converted: sql<number>`coalesce(sum(case when ${journeyDailyRuns.status} = 'converted' then ${journeyDailyRuns.runs} end), 0)`,
    })
    .from(journeyDailyRuns)
    .where(and(inArray(journeyDailyRuns.journeyId, journeyIds), inArray(journeyDailyRuns.status, ['running', 'waiting', 'converted'])))
    .groupBy(journeyDailyRuns.journeyId);
  return new Map(rows.map((row) => [row.journeyId, { inProgress: row.inProgress, converted: row.converted }]));
}

/** How many journeys match the search under each filter (the filter buttons show them). */
export async function journeyCountsByStatus(db: Db, q: string | undefined): Promise<Record<JourneyListStatus, number>> {
  const shown = sql<string>`case when ${journeys.archivedAt} is not null then 'archived' else ${journeys.status} end`;
  const rows = await db.select({ status: shown, count: sql<number>`count(*)` }).from(journeys).where(nameMatches(q)).groupBy(shown);
  const counts: Record<JourneyListStatus, number> = { active: 0, draft: 0, live: 0, paused: 0, archived: 0 };
  for (const row of rows) {
    if (row.status === 'draft' || row.status === 'live' || row.status === 'paused' || row.status === 'archived') counts[row.status] += row.count;
    if (row.status !== 'archived') counts.active += row.count;
  }
  return counts;
}
