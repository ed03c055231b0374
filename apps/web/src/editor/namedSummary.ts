import type { DraftNode } from '@lifecycle/journey';
import { nodeSummary } from '../canvas/nodeSummary';

/** Names of the templates and offers a journey can point at, by id. */
export type ReferenceNames = { templates: ReadonlyMap<string, string>; offers: ReadonlyMap<string, string> };

/** The card's one-line summary, naming the template or offer a step uses instead of showing its id. */
export function namedSummary(node: DraftNode, names: ReferenceNames): string {
  const record = node as Record<string, unknown>;
  const named = (id: unknown, byId: ReadonlyMap<string, string>) => (typeof id === 'string' ? byId.get(id) : undefined);
  if (node.type === 'send_email') {
    const name = named(record.templateId, names.templates);
    if (name) return `Send “${name}”`;
  }
  if (node.type === 'offer') {
    const name = named(record.offerId, names.offers);
    if (name) return `Grant offer “${name}”`;
  }
  return nodeSummary(node);
}
