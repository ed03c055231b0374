import { useMemo } from 'react';
import type { JourneyDraft } from '@lifecycle/journey';
import { useEventNames } from '../api/journeyEdits';
import { useOffers } from '../api/offers';
import { useTemplates } from '../api/templates';
import type { InspectorChoices } from './inspector/inspectorContext';

/** Event names, templates, offers and this journey's email steps, for the inspector's pickers. */
export function useInspectorChoices(draft: JourneyDraft, readOnly: boolean): InspectorChoices {
  const eventNames = useEventNames();
  const templates = useTemplates();
  const offers = useOffers();
  const sendNodes = useMemo(
    () => draft.nodes.filter((node) => node.type === 'send_email').map((node) => ({ id: node.id, label: node.label || node.id })),
    [draft.nodes],
  );
  return useMemo(
    () => ({ eventNames: eventNames.data ?? [], templates: templates.data ?? [], offers: offers.data ?? [], sendNodes, readOnly }),
    [eventNames.data, templates.data, offers.data, sendNodes, readOnly],
  );
}
