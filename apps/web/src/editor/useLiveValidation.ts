import { useDeferredValue, useEffect, useMemo } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { validateJourney, type JourneyDraft, type Problem } from '@lifecycle/journey';
import { useLifecycleConfig } from '../api/lifecycle';
import { useOffers } from '../api/offers';
import { useSegments } from '../api/segments';
import { useTemplates } from '../api/templates';

/** Every problem of the draft, re-checked in the browser after each change, against the templates and offers that exist. */
export function useLiveValidation(draft: JourneyDraft): { problems: Problem[]; ready: boolean } {
  const templates = useTemplates();
  const offers = useOffers();
  // Segment and stage entries are checked once their lists are in (a list still loading is not a problem).
  const segments = useSegments().data;
  const stages = useLifecycleConfig().data?.stages;
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
    const known = {
      templateIds: new Set(templates.data?.map((t) => t.id)),
      offerIds: new Set(offers.data?.map((o) => o.id)),
      ...(segments ? { segmentIds: new Set(segments.map((segment) => segment.id)) } : {}),
      ...(stages ? { stages: new Set(stages) } : {}),
    };
    return validateJourney(deferred, known).problems;
  }, [deferred, templates.data, offers.data, segments, stages]);
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
