import type { DraftNode, NodeType } from '@lifecycle/journey';

/** A fresh id like `wait_3`, unused in the draft. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n += 1) {
    const id = `${prefix}_${n}`;
    if (!taken.has(id)) return id;
  }
}

/** What a node dropped from the palette starts with: enough to draw its exits, the rest left for the inspector. */
function defaults(type: NodeType): Record<string, unknown> {
  switch (type) {
    case 'trigger':
      return { reentry: { policy: 'once' } };
    case 'wait':
      return { duration: { amount: 1, unit: 'days' } };
    case 'wait_for_event':
      return { awaited: { kind: 'event', event: '' }, timeout: { amount: 3, unit: 'days' } };
    case 'condition_split':
      return { branches: [{ id: 'yes', label: 'Yes', condition: { match: 'all', conditions: [] } }] };
    case 'random_split':
      return { arms: [{ id: 'a', label: 'A', weight: 50 }, { id: 'b', label: 'B', weight: 50 }] };
    case 'webhook':
      return { method: 'POST', body: '{\n  "email": {{ customer.email | json }},\n  "event": {{ event.name | json }}\n}' };
    case 'notify_team':
      return { recipient: { kind: 'address', address: '' } };
    case 'send_email':
    case 'offer':
    case 'update_customer':
    case 'exit':
      return {};
    default: {
      const unknownType: never = type;
      throw new Error(`unknown node type ${String(unknownType)}`);
    }
  }
}

/** A new node of `type` at `position`, with an id not in `taken`. */
export function newNode(type: NodeType, position: { x: number; y: number }, taken: ReadonlySet<string>): DraftNode {
  return { id: freshId(type, taken), type, position, ...defaults(type) };
}
