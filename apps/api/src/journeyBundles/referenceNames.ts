import type { ReferenceNames } from '@lifecycle/journey';
import { listOffers, listTemplates, type Db } from '@lifecycle/db';

/** Every template's and offer's name by id: what a diff names instead of the ids a graph holds. */
export function referenceNamesOf(db: Db): ReferenceNames {
  return {
    templates: new Map(listTemplates(db).map((template) => [template.id, template.name])),
    offers: new Map(listOffers(db).map((offer) => [offer.id, offer.name])),
  };
}
