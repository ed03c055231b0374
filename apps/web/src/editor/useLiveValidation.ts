import { useDeferredValue, useEffect, useMemo } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { validateJourney, type JourneyDraft, type Problem } from '@lifecycle/journey';
import { useOffers } from '../api/offers';
import { useTemplates } from '../api/templates';

/** Every problem of the draft, re-checked in the browser after each change, against the templates and offers that exist. */
export function useLiveValidation(draft: JourneyDraft): { problems: Problem[]; ready: boolean } {
  const templates = useTemplates();
  const offers = useOffers();
  const queryClient = useQueryClient();
  useEffect(() => {
    // Opening the editor checks against the templates and offers as they are now, even if the lists were just loaded.
    void queryClient.invalidateQueries({ queryKey: ['templates'] });
    void queryClient.invalidateQueries({ queryKey: ['offers'] });
  }, [queryClient]);
  // Deferred: typing and dragging stay responsive on big journeys; the check catches up a frame later.
  const deferred = useDeferredValue(draft);
  const ready = templates.data !== undefined && offers.data !== undefined;
  const problems = useMemo(() => {
    const known = { templateIds: new Set(templates.data?.map((t) => t.id)), offerIds: new Set(offers.data?.map((o) => o.id)) };
    return validateJourney(deferred, known).problems;
  }, [deferred, templates.data, offers.data]);
  return { problems, ready };
}

/** Problems grouped by the node they name. */
export function problemsByNode(problems: readonly Problem[]): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  for (const problem of problems) {
    if (problem.nodeId === null) continue;
    byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem.message]);
  }
  return byNode;
}
