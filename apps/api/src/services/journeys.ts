import { randomUUID } from 'node:crypto';
import { afterPublish } from './publishHooks';
import { entryReferences } from '../audience/entryReferences';
import { JourneyDraft, triggerEventName, validateJourney, type JourneyGraph, type Problem, type ValidationResult } from '@lifecycle/journey';
import {
  getJourney,
  getJourneyVersion,
  getTemplate,
  insertJourney,
  journeyCountsByStatus,
  listJourneyPage,
  listJourneys,
  listJourneyVersions,
  listOffers,
  publishJourneyVersion,
  setJourneyArchived,
  templateIds,
  updateJourney,
  type Db,
} from '@lifecycle/db';
import { z } from 'zod';
import { HttpError, notFound } from '../errors';
import { renderProblem } from './templateRender';

/** POST /api/journeys. */
export const NewJourney = z.object({
  name: z.string().max(200).trim().min(1),
  lifecycleStage: z.string().max(100).nullish(),
  draft: JourneyDraft.default({ nodes: [], edges: [] }),
});
export type NewJourney = z.infer<typeof NewJourney>;

/** PUT /api/journeys/:id saves the draft (and name/stage when sent). */
export const JourneyChange = z.object({
  name: z.string().max(200).trim().min(1).optional(),
  lifecycleStage: z.string().max(100).nullish(),
  draft: JourneyDraft.optional(),
  baseRevision: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe(
      'The draft revision this save is based on (`revision` from GET). If the draft has been saved since, nothing is written and the answer is 409 `conflict` with `currentRevision`. Revisions start at 1, so 0 never matches. Omitted: the save overwrites whatever is there (for scripts); the editor always sends it.',
    ),
});
export type JourneyChange = z.infer<typeof JourneyChange>;

export async function listAll(db: Db) {
  return await listJourneys(db);
}

/** GET /api/journeys/overview: a name search, a status filter (`active`: all but archived) and a keyset cursor. */
export const JourneyOverviewQuery = z.object({
  q: z.string().max(200).trim().optional().describe('part of the name, any case'),
  status: z.enum(['active', 'draft', 'live', 'paused', 'archived']).default('active').describe('`active` (the default): every journey not archived'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type JourneyOverviewQuery = z.infer<typeof JourneyOverviewQuery>;

/** A page of the journeys list, most recently changed first, with run counts and per-filter totals. */
export async function overview(db: Db, query: JourneyOverviewQuery) {
  const q = query.q || undefined;
  const rows = await listJourneyPage(db, { q, status: query.status, limit: query.limit + 1, after: decodeCursor(query.cursor) });
  const journeys = rows.slice(0, query.limit);
  const last = journeys.at(-1);
  const nextCursor = rows.length > query.limit && last ? Buffer.from(JSON.stringify([last.updatedAt, last.id])).toString('base64url') : null;
  return { journeys, nextCursor, counts: await journeyCountsByStatus(db, q) };
}

const Keyset = z.tuple([z.string(), z.string()]);

/** The (updatedAt, id) a cursor names; a malformed one starts from the top. */
function decodeCursor(cursor: string | undefined): { updatedAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = Keyset.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { updatedAt: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

/** A new draft "Copy of …" with the same graph, goal and stage; the original is untouched. */
export async function duplicateJourney(db: Db, id: string) {
  const original = await getJourney(db, id);
  if (!original) throw notFound('journey', id);
  return await insertJourney(db, randomUUID(), { name: `Copy of ${original.name}`.slice(0, 200), lifecycleStage: original.lifecycleStage, draft: original.draft });
}

/** Archives (no new entries; runs in flight carry on) or unarchives a journey. */
export async function archiveJourney(db: Db, id: string, archived: boolean) {
  const journey = await setJourneyArchived(db, id, archived);
  if (!journey) throw notFound('journey', id);
  return journey;
}

export async function findJourney(db: Db, id: string) {
  const journey = await getJourney(db, id);
  if (!journey) throw notFound('journey', id);
  return { ...journey, versions: await listJourneyVersions(db, id) };
}

export async function createJourney(db: Db, input: NewJourney) {
  return await insertJourney(db, randomUUID(), input);
}

/** Saves the draft at the next revision; 409 `conflict` with `currentRevision` when it was saved since `baseRevision`. */
export async function saveJourney(db: Db, id: string, change: JourneyChange) {
  const { baseRevision, ...fields } = change;
  const result = await updateJourney(db, id, fields, baseRevision);
  switch (result.status) {
    case 'saved':
      return result.journey;
    case 'missing':
      throw notFound('journey', id);
    case 'stale':
      throw new HttpError(
        409,
        'conflict',
        `the draft was saved elsewhere (another tab or person) since revision ${baseRevision}; it is now at revision ${result.currentRevision}: reload it, or save again based on revision ${result.currentRevision} to overwrite it`,
        { currentRevision: result.currentRevision },
      );
    default: {
      const unknown: never = result;
      throw new Error(`unknown save result ${JSON.stringify(unknown)}`);
    }
  }
}

/** Validates the saved draft against the templates and offers that exist now. */
export async function validateSaved(db: Db, id: string): Promise<ValidationResult> {
  const journey = await getJourney(db, id);
  if (!journey) throw notFound('journey', id);
  // Drafts are parsed on the way in; one saved by an older build may no longer parse.
  const draft = JourneyDraft.safeParse(journey.draft);
  if (!draft.success) {
    const problems = draft.error.issues.map((issue) => ({ nodeId: null, field: issue.path.join('.') || null, code: 'invalid_node' as const, message: issue.message }));
    return { ok: false, problems };
  }
  return validateJourney(draft.data, { templateIds: await templateIds(db), offerIds: new Set((await listOffers(db)).map((offer) => offer.id)), ...await entryReferences(db) });
}

/** A problem for each email node whose template does not render within the sandbox limits. */
async function templateProblems(db: Db, graph: JourneyGraph): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const node of graph.nodes) {
    if (node.type !== 'send_email') continue;
    const template = await getTemplate(db, node.templateId);
    const problem = template ? await renderProblem(template) : null;
    if (template && problem) {
      problems.push({ nodeId: node.id, field: 'templateId', code: 'invalid_node', message: `template "${template.name}": ${problem.field} ${problem.message}` });
    }
  }
  return problems;
}

function invalidJourney(problems: Problem[]): HttpError {
  return new HttpError(422, 'invalid_journey', `the journey has ${problems.length} problem(s) to fix before publishing`, { problems });
}

/** Freezes the draft as the next version and makes it live; 422 `invalid_journey` listing the problems otherwise. */
export async function publish(db: Db, id: string) {
  const result = await validateSaved(db, id);
  if (!result.ok) throw invalidJourney(result.problems);
  const renderProblems = await templateProblems(db, result.graph);
  if (renderProblems.length > 0) throw invalidJourney(renderProblems);
  const trigger = result.graph.nodes.find((node) => node.type === 'trigger');
  if (!trigger || trigger.type !== 'trigger') throw new Error('a valid journey has a trigger');
  const version = await publishJourneyVersion(db, { id: randomUUID(), journeyId: id, graph: result.graph, triggerEvent: triggerEventName(trigger) });
  await afterPublish(db, { journeyId: id, versionId: version.id, version: version.version, graph: result.graph });
  return version;
}

export async function findVersion(db: Db, journeyId: string, versionId: string) {
  const version = await getJourneyVersion(db, journeyId, versionId);
  if (!version) throw notFound('journey version', versionId);
  return version;
}

export async function versionsOf(db: Db, journeyId: string) {
  if (!(await getJourney(db, journeyId))) throw notFound('journey', journeyId);
  return await listJourneyVersions(db, journeyId);
}
