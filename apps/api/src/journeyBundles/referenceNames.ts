import type { ReferenceNames } from '@lifecycle/journey';
import { listOffers, listTemplates, type Db } from '@lifecycle/db';

/** Every template's and offer's name by id: what a diff names instead of the ids a graph holds. */
export async function referenceNamesOf(db: Db): Promise<ReferenceNames> {
  return {
    templates: new Map((await listTemplates(db)).map((template) => [template.id, template.name])),
    offers: new Map((await listOffers(db)).map((offer) => [offer.id, offer.name])),
  };
}
