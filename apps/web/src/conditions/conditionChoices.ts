import { createContext, useContext } from 'react';
import type { ConditionKind } from '@lifecycle/journey';

/**
 * What the one condition editor picks from. `journey` adds the run-only conditions (the event in hand, the email of
 * a send step of this run); `segment` leaves them out.
 */
export interface ConditionChoices {
  mode: 'journey' | 'segment';
  stages: string[];
  segments: { id: string; name: string }[];
  offers: { id: string; name: string }[];
  eventNames: string[];
  sendNodes: { id: string; label: string }[];
  readOnly: boolean;
}

export const ConditionChoicesContext = createContext<ConditionChoices>({ mode: 'segment', stages: [], segments: [], offers: [], eventNames: [], sendNodes: [], readOnly: false });

export const useConditionChoices = () => useContext(ConditionChoicesContext);

/** The kinds of condition, as the "add a condition" menu names them. */
export const kindLabels: Record<ConditionKind, string> = {
  trait: 'Trait',
  customer: 'Customer field',
  stage: 'Lifecycle stage',
  event: 'Event history',
  email: 'Email engagement',
  offer: 'Offer',
  segment: 'Segment membership',
  event_property: 'Event in hand (property)',
};

/** The kinds offered where the editor is used. */
export function kindsFor(mode: ConditionChoices['mode']): ConditionKind[] {
  const all = Object.keys(kindLabels) as ConditionKind[];
  return mode === 'journey' ? all : all.filter((kind) => kind !== 'event_property');
}
