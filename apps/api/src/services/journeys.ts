import { randomUUID } from 'node:crypto';
import { JourneyDraft, validateJourney, type JourneyGraph, type Problem, type ValidationResult } from '@lifecycle/journey';
import {
  deleteJourney,
  getJourney,
  getJourneyVersion,
  getTemplate,
  insertJourney,
  listJourneys,
  listJourneyVersions,
  listOffers,
  publishJourneyVersion,
  templateIds,
  updateJourney,
  type Db,
} from '@lifecycle/db';
import { z } from 'zod';
import { HttpError, notFound } from '../errors';
import { renderProblem } from './templateRender';

/** POST /api/journeys. */
export const NewJourney = z.object({
  name: z.string().trim().min(1).max(200),
  lifecycleStage: z.string().max(100).nullish(),
  draft: JourneyDraft.default({ nodes: [], edges: [] }),
});
export type NewJourney = z.infer<typeof NewJourney>;

/** PUT /api/journeys/:id saves the draft (and name/stage when sent). */
export const JourneyChange = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  lifecycleStage: z.string().max(100).nullish(),
  draft: JourneyDraft.optional(),
});
export type JourneyChange = z.infer<typeof JourneyChange>;

export function listAll(db: Db) {
  return listJourneys(db);
}

export function findJourney(db: Db, id: string) {
  const journey = getJourney(db, id);
  if (!journey) throw notFound('journey', id);
  return { ...journey, versions: listJourneyVersions(db, id) };
}

export function createJourney(db: Db, input: NewJourney) {
  return insertJourney(db, randomUUID(), input);
}

export function saveJourney(db: Db, id: string, change: JourneyChange) {
  const journey = updateJourney(db, id, change);
  if (!journey) throw notFound('journey', id);
  return journey;
}

export function removeJourney(db: Db, id: string) {
  const journey = getJourney(db, id);
  if (!journey || !deleteJourney(db, id)) throw notFound('journey', id);
  return journey;
}

/** Validates the saved draft against the templates and offers that exist now. */
export function validateSaved(db: Db, id: string): ValidationResult {
  const journey = getJourney(db, id);
  if (!journey) throw notFound('journey', id);
  // Drafts are parsed on the way in; one saved by an older build may no longer parse.
  const draft = JourneyDraft.safeParse(journey.draft);
  if (!draft.success) {
    const problems = draft.error.issues.map((issue) => ({ nodeId: null, field: issue.path.join('.') || null, code: 'invalid_node' as const, message: issue.message }));
    return { ok: false, problems };
  }
  return validateJourney(draft.data, { templateIds: templateIds(db), offerIds: new Set(listOffers(db).map((offer) => offer.id)) });
}

/** A problem for each email node whose template does not render within the sandbox limits. */
async function templateProblems(db: Db, graph: JourneyGraph): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const node of graph.nodes) {
    if (node.type !== 'send_email') continue;
    const template = getTemplate(db, node.templateId);
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
  const result = validateSaved(db, id);
  if (!result.ok) throw invalidJourney(result.problems);
  const renderProblems = await templateProblems(db, result.graph);
  if (renderProblems.length > 0) throw invalidJourney(renderProblems);
  const trigger = result.graph.nodes.find((node) => node.type === 'trigger');
  if (!trigger || trigger.type !== 'trigger') throw new Error('a valid journey has a trigger');
  return publishJourneyVersion(db, { id: randomUUID(), journeyId: id, graph: result.graph, triggerEvent: trigger.event });
}

export function findVersion(db: Db, journeyId: string, versionId: string) {
  const version = getJourneyVersion(db, journeyId, versionId);
  if (!version) throw notFound('journey version', versionId);
  return version;
}

export function versionsOf(db: Db, journeyId: string) {
  if (!getJourney(db, journeyId)) throw notFound('journey', journeyId);
  return listJourneyVersions(db, journeyId);
}
