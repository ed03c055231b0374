import type { JourneyGraph, JourneyNode } from './schema';
import { describeEntry, describeWaitUntil, durationText } from './timeWords';

/**
 * Template, offer and segment names by id: what a node's description names instead of the ids it holds (segments
 * optional: a caller without them describes a segment entry as "a segment").
 */
export type ReferenceNames = { templates: ReadonlyMap<string, string>; offers: ReadonlyMap<string, string>; segments?: ReadonlyMap<string, string> };

const quoted = (text: string) => `“${text}”`;

export { durationText };

/**
 * How a wait-for-open names the email it waits on: the send step's label, else its template's name, else the ids.
 * (Not the send step's own description, which would read “Send “…”” inside the wait's.)
 */
export function emailNameOf(sendNodeId: string, sendNode: { label?: string; templateId?: unknown } | undefined, names: ReferenceNames): string {
  const label = sendNode?.label?.trim();
  if (label) return label;
  const templateId = typeof sendNode?.templateId === 'string' ? sendNode.templateId : undefined;
  return (templateId && names.templates.get(templateId)) || templateId || sendNodeId;
}

/** What a published node does, in words and with names: "Send “Welcome email”", "Wait 2 days", "Wait for open of “Welcome email”". */
export function describeNode(node: JourneyNode, nodes: ReadonlyMap<string, JourneyNode>, names: ReferenceNames): string {
  switch (node.type) {
    case 'trigger':
      return describeEntry(node, names);
    case 'send_email':
      return `Send ${quoted(names.templates.get(node.templateId) ?? node.templateId)}`;
    case 'wait':
      return node.until ? describeWaitUntil(node.until) : `Wait ${durationText(node.duration ?? { amount: 0, unit: 'seconds' })}`;
    case 'wait_for_event': {
      const awaited = node.awaited;
      switch (awaited.kind) {
        case 'event':
          return `Wait for ${quoted(awaited.event)}`;
        case 'email_opened':
          return `Wait for open of ${quoted(emailNameOf(awaited.sendNodeId, nodes.get(awaited.sendNodeId), names))}`;
        case 'email_clicked':
          return `Wait for click in ${quoted(emailNameOf(awaited.sendNodeId, nodes.get(awaited.sendNodeId), names))}`;
        default: {
          const unknownAwaited: never = awaited;
          throw new Error(`unknown awaited event ${JSON.stringify(unknownAwaited)}`);
        }
      }
    }
    case 'condition_split':
      return `Split on ${node.branches.map((branch) => branch.label || branch.id).join(' · ')}`;
    case 'random_split':
      return `Random split ${node.arms.map((arm) => arm.label || arm.id).join(' / ')}`;
    case 'offer':
      return `Grant offer ${quoted(names.offers.get(node.offerId) ?? node.offerId)}`;
    case 'update_customer':
      return `Update ${[...(node.lifecycleStage ? [`stage → ${node.lifecycleStage}`] : []), ...Object.keys(node.traits ?? {})].join(', ')}`;
    case 'webhook':
      return `Call ${node.method} ${hostOf(node.url)}`;
    case 'notify_team':
      return `Notify ${node.recipient.kind === 'address' ? node.recipient.address : `the \`${node.recipient.trait}\` address`}`;
    case 'exit':
      return 'Exit';
    default: {
      const unknownNode: never = node;
      throw new Error(`unknown node ${JSON.stringify(unknownNode)}`);
    }
  }
}

/** A node's name as people read it: its label when it has one, else what it does. */
export function nodeName(node: JourneyNode, nodes: ReadonlyMap<string, JourneyNode>, names: ReferenceNames): string {
  return node.label?.trim() || describeNode(node, nodes, names);
}

/** Every node's name in a published graph, by node id. */
export function nodeNamesOf(graph: JourneyGraph, names: ReferenceNames): Record<string, string> {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  return Object.fromEntries(graph.nodes.map((node) => [node.id, nodeName(node, nodes, names)]));
}

/** The template and offer ids a graph's nodes point at (what to look names up for). */
export function referencedIds(graph: JourneyGraph): { templateIds: string[]; offerIds: string[] } {
  const templateIds = new Set<string>();
  const offerIds = new Set<string>();
  for (const node of graph.nodes) {
    if (node.type === 'send_email') templateIds.add(node.templateId);
    if (node.type === 'offer') offerIds.add(node.offerId);
  }
  return { templateIds: [...templateIds], offerIds: [...offerIds] };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
