import { useMemo } from 'react';
import { useOffers } from '../api/offers';
import { useTemplates } from '../api/templates';
import type { ReferenceNames } from './namedSummary';

/** Template and offer names by id, from the lists the pickers already load. */
export function useReferenceNames(): ReferenceNames {
  const templates = useTemplates();
  const offers = useOffers();
  return useMemo(
    () => ({
      templates: new Map((templates.data ?? []).map((template) => [template.id, template.name])),
      offers: new Map((offers.data ?? []).map((offer) => [offer.id, offer.name])),
    }),
    [templates.data, offers.data],
  );
}
