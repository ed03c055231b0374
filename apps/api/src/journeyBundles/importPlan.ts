import { diffJourneys, JourneyDiff, JourneyDraft, type ReferenceNames } from '@lifecycle/journey';
import { checkTemplate } from '@lifecycle/messaging';
import { listJourneys, listOffers, listSegments, listTemplates, type Db, type Offer, type Segment, type Template } from '@lifecycle/db';
import { z } from 'zod';
import { renderProblem } from '../services/templateRender';
import { offerTerms, templateFields } from './itemFields';
import type { BundleOffer, BundleTemplate, JourneyBundle } from './bundleSchema';
import { mapReferences, type ReferenceList } from './graphReferences';
import { referenceNamesOf } from './referenceNames';

/** How an item of the bundle stands against this install, matched by name. */
export const ItemMatch = z.object({
  ref: z.string(),
  name: z.string(),
  status: z.enum(['new', 'same', 'different']).describe('new: none of that name here (it is created); same: one of that name with the same content (it is used); different: one of that name with other content (it is used as it is here, unless overwrite is asked)'),
  existingId: z.string().nullable(),
  differences: z.array(z.string()).describe('the fields that differ, by their labels'),
});
export type ItemMatch = z.infer<typeof ItemMatch>;

export const SegmentMatch = z.object({ ref: z.string(), name: z.string(), status: z.enum(['found', 'missing']), existingId: z.string().nullable() });
export type SegmentMatch = z.infer<typeof SegmentMatch>;

/** POST /api/journeys/import/preview: what importing the bundle would do, nothing written. */
export const ImportPreview = z.object({
  journey: z.object({
    name: z.string(),
    status: z.enum(['new', 'update']).describe('new: no journey of that name here (a draft is created); update: the draft of the journey of that name is replaced'),
    existingId: z.string().nullable(),
    diff: JourneyDiff.describe('the imported draft against the existing draft (every step added for a new journey)'),
  }),
  templates: z.array(ItemMatch),
  offers: z.array(ItemMatch),
  segments: z.array(SegmentMatch),
  problems: z.array(z.object({ path: z.string(), message: z.string() })).describe('what stops the import: a template that does not render, a segment missing here'),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** The first of a name, oldest id first, so the same install always picks the same one. */
function byName<T extends { id: string; name: string }>(items: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of [...items].sort((a, b) => (a.id < b.id ? -1 : 1))) if (!map.has(item.name.trim())) map.set(item.name.trim(), item);
  return map;
}

function match<B extends { ref: string; name: string }, E extends { id: string }>(item: B, existing: E | undefined, differences: (item: B, existing: E) => string[]): ItemMatch {
  if (!existing) return { ref: item.ref, name: item.name, status: 'new', existingId: null, differences: [] };
  const fields = differences(item, existing);
  return { ref: item.ref, name: item.name, status: fields.length === 0 ? 'same' : 'different', existingId: existing.id, differences: fields };
}

const differing = <T extends Record<string, unknown>>(a: T, b: T, labels: Record<keyof T, string>) =>
  (Object.keys(labels) as (keyof T)[]).filter((key) => JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)).map((key) => labels[key]);
const templateLabels = { subject: 'Subject', html: 'HTML body', text: 'Plain-text body' };
const offerLabels = { description: 'Description', codeSource: 'Codes from', codePrefix: 'Code prefix', expiresAt: 'Expires', discount: 'Discount' };

/** A plan: how each ref maps here, and the preview people read. `overwrite`: different templates and offers are updated. */
export type ImportPlan = {
  preview: ImportPreview;
  templates: { item: BundleTemplate; match: ItemMatch }[];
  offers: { item: BundleOffer; match: ItemMatch }[];
  /** The bundle's graph with refs mapped (new items by `new:<ref>` until created). */
  graphWith: (ids: Record<ReferenceList, Map<string, string>>) => JourneyDraft;
};

async function templateProblems(bundle: JourneyBundle): Promise<ImportPreview['problems']> {
  const problems: ImportPreview['problems'] = [];
  for (const [index, template] of bundle.templates.entries()) {
    const check = checkTemplate(template);
    const problem = check.ok ? await renderProblem(template) : { field: check.field, message: check.message };
    if (problem) problems.push({ path: `templates[${index}].${problem.field}`, message: `template "${template.name}": ${problem.message}` });
  }
  return problems;
}

/** Matches the bundle's journey, templates and offers by name against this install and diffs the journey. Writes nothing. */
export async function planImport(db: Db, bundle: JourneyBundle): Promise<ImportPlan> {
  const templatesHere = byName<Template>(await listTemplates(db));
  const offersHere = byName<Offer>(await listOffers(db));
  const segmentsHere = byName<Segment>(await listSegments(db));
  const journeyHere = byName(await listJourneys(db)).get(bundle.journey.name.trim());

  const templates = bundle.templates.map((item) => ({ item, match: match(item, templatesHere.get(item.name.trim()), (a, b) => differing(templateFields(a), templateFields(b), templateLabels)) }));
  const offers = bundle.offers.map((item) => ({ item, match: match(item, offersHere.get(item.name.trim()), (a, b) => differing(offerTerms(a), offerTerms(b), offerLabels)) }));
  const segments: SegmentMatch[] = bundle.segments.map((item) => {
    const found = segmentsHere.get(item.name.trim());
    return { ref: item.ref, name: item.name, status: found ? 'found' : 'missing', existingId: found?.id ?? null };
  });

  const refIds = (matches: { match: ItemMatch }[]) => new Map(matches.map(({ match: m }) => [m.ref, m.existingId ?? `new:${m.ref}`]));
  const graphWith = (ids: Record<ReferenceList, Map<string, string>>) => mapReferences(bundle.journey.graph, (list, ref) => ids[list].get(ref));
  const planned = graphWith({ templates: refIds(templates), offers: refIds(offers), segments: new Map(segments.flatMap((s) => (s.existingId ? [[s.ref, s.existingId]] : []))) });

  const here = await referenceNamesOf(db);
  const names: ReferenceNames = {
    templates: new Map([...here.templates, ...templates.map(({ item }) => [`new:${item.ref}`, item.name] as const)]),
    offers: new Map([...here.offers, ...offers.map(({ item }) => [`new:${item.ref}`, item.name] as const)]),
  };
  const existingDraft = journeyHere ? JourneyDraft.safeParse(journeyHere.draft) : null;
  const diff = diffJourneys(existingDraft?.success ? existingDraft.data : null, planned, names);
  const problems = [
    ...(await templateProblems(bundle)),
    ...segments.flatMap((segment, index) =>
      segment.status === 'missing' ? [{ path: `segments[${index}].name`, message: `no segment named "${segment.name}" here: create it (by that name) before importing` }] : [],
    ),
  ];
  const preview: ImportPreview = {
    journey: { name: bundle.journey.name, status: journeyHere ? 'update' : 'new', existingId: journeyHere?.id ?? null, diff },
    templates: templates.map(({ match: m }) => m),
    offers: offers.map(({ match: m }) => m),
    segments,
    problems,
  };
  return { preview, templates, offers, graphWith };
}
