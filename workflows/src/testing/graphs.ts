import { JourneyGraph, welcomeJourney, type ConditionGroup, type JourneyEdge, type JourneyNode } from '@lifecycle/journey';

/** The reference welcome journey, with fixed template and offer ids. */
export function welcomeGraph(goal?: JourneyGraph['goal']): JourneyGraph {
  const draft = welcomeJourney({ welcomeTemplateId: 'tpl_welcome', codeTemplateId: 'tpl_code', reminderTemplateId: 'tpl_reminder', offerId: 'off_10' });
  return JourneyGraph.parse({ ...draft, goal });
}

/** A journey from `signed_up` through the given nodes; `edges` lists [source, exit, target]. */
export function graphOf(nodes: JourneyNode[], edges: [string, string, string][]): JourneyGraph {
  const trigger = { id: 'trigger', type: 'trigger', event: 'signed_up' };
  const edgeList: JourneyEdge[] = edges.map(([source, sourceExit, target]) => ({ id: `${source}-${sourceExit}`, source, sourceExit, target }));
  return JourneyGraph.parse({ nodes: [trigger, ...nodes], edges: edgeList });
}

/** A group of `all` rules. */
export function allOf(...conditions: ConditionGroup['conditions']): ConditionGroup {
  return { match: 'all', conditions };
}
