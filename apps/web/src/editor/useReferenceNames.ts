import { useMemo } from 'react';
import { useOffers } from '../api/offers';
import { useSegments } from '../api/segments';
import { useTemplates } from '../api/templates';
import type { ReferenceNames } from './namedSummary';

/** Template, offer and segment names by id, from the lists the pickers already load. */
export function useReferenceNames(): ReferenceNames {
  const templates = useTemplates();
  const offers = useOffers();
  const segments = useSegments();
  return useMemo(
    () => ({
      templates: new Map((templates.data ?? []).map((template) => [template.id, template.name])),
      offers: new Map((offers.data ?? []).map((offer) => [offer.id, offer.name])),
      segments: new Map((segments.data ?? []).map((segment) => [segment.id, segment.name])),
    }),
    [templates.data, offers.data, segments.data],
  );
}
