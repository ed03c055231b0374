import type { DraftNode } from '@lifecycle/journey';
import { nodeSummary } from '../canvas/nodeSummary';

/** Names of the templates, offers and segments a journey can point at, by id. */
export type ReferenceNames = { templates: ReadonlyMap<string, string>; offers: ReadonlyMap<string, string>; segments?: ReadonlyMap<string, string> };

/**
 * The card's one-line summary, naming the template, offer or email step a step uses instead of showing its id
 * (the same words the monitoring canvases use).
 */
export function namedSummary(node: DraftNode, names: ReferenceNames, nodes: ReadonlyMap<string, DraftNode> = new Map()): string {
  return nodeSummary(node, { ...names, nodes });
}
