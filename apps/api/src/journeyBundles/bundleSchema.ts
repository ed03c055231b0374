import { JourneyDraft } from '@lifecycle/journey';
import { z } from 'zod';
import { Discount } from '../offers/schemas';
import { referencesOf } from './graphReferences';

/** The format a bundle names in its first line; a later, incompatible format gets a new number. */
export const BUNDLE_FORMAT = 'lifecycle.journey/1';

/** A name-based reference (`welcome-email`): how a bundle's graph points at its templates, offers and segments instead of ids. */
export const BundleRef = z.string().min(1).max(80).regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and - only');

export const BundleTemplate = z.strictObject({
  ref: BundleRef,
  name: z.string().max(200).trim().min(1),
  subject: z.string().min(1).max(998),
  html: z.string().max(512 * 1024),
  text: z.string().max(512 * 1024).nullable(),
});
export type BundleTemplate = z.infer<typeof BundleTemplate>;

/** An offer's terms (its codes stay in each install: a pool offer arrives with an empty pool). */
export const BundleOffer = z.strictObject({
  ref: BundleRef,
  name: z.string().max(200).trim().min(1),
  description: z.string().max(2000).nullable(),
  codeSource: z.enum(['pool', 'generated']),
  codePrefix: z.string().max(40).trim().regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only').nullable(),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  discount: Discount.nullable(),
});
export type BundleOffer = z.infer<typeof BundleOffer>;

/** A segment the journey enters from or aims at, by name only: it must exist (by that name) where the bundle is imported. */
export const BundleSegment = z.strictObject({ ref: BundleRef, name: z.string().max(200).trim().min(1) });
export type BundleSegment = z.infer<typeof BundleSegment>;

/** Each ref of a list once; each reference of the graph to a ref the bundle lists, every error naming its field. */
function checkReferences(bundle: { journey: { graph: JourneyDraft }; templates: BundleTemplate[]; offers: BundleOffer[]; segments: BundleSegment[] }, ctx: z.RefinementCtx) {
  const lists = { templates: bundle.templates, offers: bundle.offers, segments: bundle.segments } as const;
  const refs = {} as Record<keyof typeof lists, Set<string>>;
  for (const key of Object.keys(lists) as (keyof typeof lists)[]) {
    refs[key] = new Set();
    lists[key].forEach((item, index) => {
      if (refs[key].has(item.ref)) ctx.addIssue({ code: 'custom', path: [key, index, 'ref'], message: `the ref "${item.ref}" is used twice` });
      refs[key].add(item.ref);
    });
  }
  for (const reference of referencesOf(bundle.journey.graph)) {
    if (!refs[reference.list].has(reference.value)) {
      ctx.addIssue({ code: 'custom', path: ['journey', 'graph', ...reference.path], message: `"${reference.value}" is not a ref listed under ${reference.list}` });
    }
  }
}

/**
 * A journey as code: the journey (name, stage, draft graph with goal) and the templates, offers and segments it uses,
 * pointed at by name-based refs, never by ids. Everything in it is hostile input: strict objects, every size bounded.
 */
export const JourneyBundle = z
  .strictObject({
    format: z.literal(BUNDLE_FORMAT, { error: `the format must be "${BUNDLE_FORMAT}"` }),
    journey: z.strictObject({ name: z.string().max(200).trim().min(1), stage: z.string().max(100).nullable(), graph: JourneyDraft }),
    templates: z.array(BundleTemplate).max(200),
    offers: z.array(BundleOffer).max(200),
    segments: z.array(BundleSegment).max(200).default([]),
  })
  .superRefine(checkReferences);
export type JourneyBundle = z.infer<typeof JourneyBundle>;
