import { randomUUID } from 'node:crypto';
import { insertJourney, updateJourney, type Db } from '@lifecycle/db';
import { z } from 'zod';
import { HttpError } from '../errors';
import * as offers from '../services/offers';
import * as templates from '../services/templates';
import type { JourneyBundle } from './bundleSchema';
import type { ReferenceList } from './graphReferences';
import { ImportPreview, planImport, type ImportPlan } from './importPlan';

/** `?overwrite=true`: templates and offers of the same name but other content are updated to the bundle's. */
export const ImportQuery = z.object({ overwrite: z.enum(['true', 'false']).default('false').describe('true: update same-named templates and offers whose content differs (default: use them as they are here)') });
export type ImportQuery = z.infer<typeof ImportQuery>;

export const ImportResult = z.object({
  journeyId: z.string(),
  status: z.enum(['created', 'updated']).describe('a new draft journey, or the draft of the journey of that name replaced (never published)'),
  templatesCreated: z.number().int(),
  offersCreated: z.number().int(),
  updated: z.number().int().describe('same-named templates and offers updated (with overwrite)'),
  preview: ImportPreview,
});
export type ImportResult = z.infer<typeof ImportResult>;

/** 422 `import_refused` listing each problem with the field it is about. */
function refused(problems: ImportPreview['problems']): HttpError {
  return new HttpError(422, 'import_refused', problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '), { issues: problems });
}

/** Creates the missing templates and offers, updates different ones when asked; the refs they answer to here. */
async function ensureItems(db: Db, plan: ImportPlan, overwrite: boolean) {
  const ids: Record<ReferenceList, Map<string, string>> = { templates: new Map(), offers: new Map(), segments: new Map() };
  let templatesCreated = 0;
  let offersCreated = 0;
  let updated = 0;
  for (const { item, match } of plan.templates) {
    const { ref: _ref, ...input } = item;
    if (match.existingId === null) {
      ids.templates.set(item.ref, (await templates.createTemplate(db, input)).id);
      templatesCreated++;
    } else {
      if (overwrite && match.status === 'different') {
        await templates.replaceTemplate(db, match.existingId, input);
        updated++;
      }
      ids.templates.set(item.ref, match.existingId);
    }
  }
  for (const { item, match } of plan.offers) {
    const { ref: _ref, ...input } = item;
    if (match.existingId === null) {
      ids.offers.set(item.ref, (await offers.create(db, input)).id);
      offersCreated++;
    } else {
      if (overwrite && match.status === 'different') {
        const { codeSource: _source, ...patch } = input; // where codes come from never changes on an existing offer
        await offers.edit(db, match.existingId, patch);
        updated++;
      }
      ids.offers.set(item.ref, match.existingId);
    }
  }
  for (const segment of plan.preview.segments) if (segment.existingId) ids.segments.set(segment.ref, segment.existingId);
  return { ids, templatesCreated, offersCreated, updated };
}

/**
 * Imports a bundle: templates and offers matched by name (missing ones created), refs mapped to this install's ids,
 * then the draft of the journey of that name replaced, or a new draft journey created. Never publishes.
 */
export async function importBundle(db: Db, bundle: JourneyBundle, query: ImportQuery): Promise<ImportResult> {
  const plan = await planImport(db, bundle);
  if (plan.preview.problems.length > 0) throw refused(plan.preview.problems);
  const { ids, ...counts } = await ensureItems(db, plan, query.overwrite === 'true');
  const draft = plan.graphWith(ids);
  const fields = { name: bundle.journey.name, lifecycleStage: bundle.journey.stage, draft };
  const existingId = plan.preview.journey.existingId;
  if (existingId === null) {
    const journey = await insertJourney(db, randomUUID(), fields);
    return { journeyId: journey.id, status: 'created', ...counts, preview: plan.preview };
  }
  const saved = await updateJourney(db, existingId, fields);
  if (saved.status !== 'saved') throw new HttpError(409, 'conflict', `the journey "${bundle.journey.name}" changed while importing; try again`);
  return { journeyId: existingId, status: 'updated', ...counts, preview: plan.preview };
}
