import { JourneyDraft } from '@lifecycle/journey';
import { getJourney, getOffer, getSegment, getTemplate, type Db } from '@lifecycle/db';
import { notFound } from '../errors';
import { assignRefs } from './bundleRefs';
import { offerTerms } from './itemFields';
import { BUNDLE_FORMAT, type JourneyBundle } from './bundleSchema';
import { mapReferences, referencesOf, type ReferenceList } from './graphReferences';

const byRef = <T extends { ref: string }>(a: T, b: T) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

/** The items of `ids` that still exist, read one after another. */
async function existing<T>(ids: Iterable<string>, get: (id: string) => Promise<T | null | undefined>): Promise<T[]> {
  const found: T[] = [];
  for (const id of ids) {
    const item = await get(id);
    if (item) found.push(item);
  }
  return found;
}

/**
 * The journey's draft with the templates, offers and segments it uses, as a bundle: ids replaced by name-based refs,
 * lists sorted by ref. A reference to something deleted since is left out (the step arrives half configured).
 */
export async function exportBundle(db: Db, id: string): Promise<JourneyBundle> {
  const journey = await getJourney(db, id);
  if (!journey) throw notFound('journey', id);
  const parsed = JourneyDraft.safeParse(journey.draft);
  const graph = parsed.success ? parsed.data : { nodes: [], edges: [] };
  const used = { templates: new Set<string>(), offers: new Set<string>(), segments: new Set<string>() };
  for (const reference of referencesOf(graph)) used[reference.list].add(reference.value);

  const templates = await existing(used.templates, async (templateId) => await getTemplate(db, templateId));
  const offers = await existing(used.offers, async (offerId) => await getOffer(db, offerId));
  const segments = await existing(used.segments, async (segmentId) => await getSegment(db, segmentId));
  const refs: Record<ReferenceList, Map<string, string>> = {
    templates: assignRefs(templates, 'template'),
    offers: assignRefs(offers, 'offer'),
    segments: assignRefs(segments, 'segment'),
  };
  const ref = (map: Map<string, string>, itemId: string) => map.get(itemId) ?? '';
  return {
    format: BUNDLE_FORMAT,
    journey: { name: journey.name, stage: journey.lifecycleStage, graph: mapReferences(graph, (list, value) => refs[list].get(value)) },
    templates: templates
      .map((template) => ({ ref: ref(refs.templates, template.id), name: template.name, subject: template.subject, html: template.html, text: template.text }))
      .sort(byRef),
    offers: offers
      .map((offer) => ({
        ref: ref(refs.offers, offer.id),
        name: offer.name,
        description: offer.description,
        codeSource: offer.codeSource,
        codePrefix: offer.codePrefix,
        expiresAt: offer.expiresAt,
        discount: offerTerms(offer).discount,
      }))
      .sort(byRef),
    segments: segments.map((segment) => ({ ref: ref(refs.segments, segment.id), name: segment.name })).sort(byRef),
  };
}
