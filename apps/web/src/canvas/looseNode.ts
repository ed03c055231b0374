import type { DraftNode, NodeOf, NodeType } from '@lifecycle/journey';

/**
 * A draft node seen as "its type's fields, each maybe missing": switching on `type` narrows it,
 * so summaries can read a half-configured node without pretending it is complete.
 */
export type LooseNode = { [T in NodeType]: Partial<NodeOf<T>> & { id: string; type: T; label?: string } }[NodeType];

/** Views a draft (or published) node as a LooseNode. */
export function loose(node: DraftNode): LooseNode {
  return node;
}
