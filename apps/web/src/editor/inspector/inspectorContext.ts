import { createContext, useContext } from 'react';
import type { Offer } from '../../api/offers';
import type { TemplateSummary } from '../../api/templates';

/** What the inspector's widgets pick from. */
export interface InspectorChoices {
  eventNames: string[];
  templates: TemplateSummary[];
  offers: Offer[];
  /** Send-email steps of this journey, for "wait for open/click of". */
  sendNodes: { id: string; label: string }[];
  readOnly: boolean;
}

export const InspectorContext = createContext<InspectorChoices>({ eventNames: [], templates: [], offers: [], sendNodes: [], readOnly: true });

export const useChoices = () => useContext(InspectorContext);
