import type { DraftNode } from './schema';

/**
 * The exits a draft node has, read leniently (half-configured splits still have the branches and
 * arms that carry an id). The one exit table: `exitsOf` reads complete nodes through it.
 */
export function draftExits(node: DraftNode): string[] {
  switch (node.type) {
    case 'trigger':
    case 'send_email':
    case 'wait':
    case 'offer':
    case 'update_customer':
    case 'notify_team':
      return ['next'];
    case 'webhook':
      return ['succeeded', 'failed'];
    case 'wait_for_event':
      return ['matched', 'timed_out'];
    case 'condition_split':
      return [...idsOf(node.branches), 'else'];
    case 'random_split':
      return idsOf(node.arms);
    case 'exit':
      return [];
    default: {
      const unknownType: never = node.type;
      throw new Error(`unknown node type ${String(unknownType)}`);
    }
  }
}

function idsOf(items: unknown): string[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) =>
    typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string' && item.id !== '' ? [item.id] : [],
  );
}
