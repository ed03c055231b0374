import { createContext, useContext } from 'react';
import { describeWaitUntil, emailNameOf, WaitUntil, type AwaitedEvent, type DraftNode } from '@lifecycle/journey';
import { describeDuration } from './describeDuration';
import { loose } from './looseNode';
import { triggerSummary } from './triggerSummary';

/**
 * What a summary names instead of ids: templates and offers by id, and the journey's nodes (a wait for an open names
 * the email it waits on). Empty maps leave the ids in place, quoted.
 */
export type SummaryNames = { templates: ReadonlyMap<string, string>; offers: ReadonlyMap<string, string>; nodes: ReadonlyMap<string, DraftNode>; segments?: ReadonlyMap<string, string> };

export const noNames: SummaryNames = { templates: new Map(), offers: new Map(), nodes: new Map() };

/** The names the read-only canvas's cards summarise with; a page that has them (the run page) provides them. */
export const SummaryNamesContext = createContext<SummaryNames>(noNames);

/** `nodeSummary` with the names the surrounding page provides. */
export function useNodeSummary(draft: DraftNode): string {
  return nodeSummary(draft, useContext(SummaryNamesContext));
}

const notSet = 'Not configured yet';
const quoted = (text: string) => `“${text}”`;

function describeAwaited(awaited: AwaitedEvent | undefined, names: SummaryNames): string | null {
  if (!awaited) return null;
  const email = (sendNodeId: string) => quoted(emailNameOf(sendNodeId, names.nodes.get(sendNodeId), names));
  switch (awaited.kind) {
    case 'event':
      return `Wait for ${quoted(awaited.event)}`;
    case 'email_opened':
      return awaited.sendNodeId ? `Wait for open of ${email(awaited.sendNodeId)}` : null;
    case 'email_clicked':
      return awaited.sendNodeId ? `Wait for click in ${email(awaited.sendNodeId)}` : null;
    default: {
      const unknownAwaited: never = awaited;
      throw new Error(`unknown awaited event ${JSON.stringify(unknownAwaited)}`);
    }
  }
}

/**
 * One line saying what a node does with its configuration, e.g. "Wait 2 days" or "Send “Welcome email”": templates,
 * offers and awaited emails by name when `names` has them, else by id.
 */
export function nodeSummary(draft: DraftNode, names: SummaryNames = noNames): string {
  const node = loose(draft);
  switch (node.type) {
    case 'trigger':
      return triggerSummary(node, names.segments);
    case 'send_email':
      return node.templateId ? `Send ${quoted(names.templates.get(node.templateId) ?? node.templateId)}` : notSet;
    case 'wait': {
      // A wait until a moment reads as the published node will ("Wait until Mon at 09:00 (the customer's time)") once complete.
      if (node.until) {
        const until = WaitUntil.safeParse(node.until);
        return until.success ? describeWaitUntil(until.data) : notSet;
      }
      return node.duration ? `Wait ${describeDuration(node.duration)}` : notSet;
    }
    case 'wait_for_event': {
      const awaited = describeAwaited(node.awaited, names);
      if (!awaited) return notSet;
      return node.timeout ? `${awaited}, up to ${describeDuration(node.timeout)}` : awaited;
    }
    case 'condition_split': {
      const branches = node.branches ?? [];
      if (branches.length === 0) return notSet;
      return `${[...branches.map((branch) => branch.label || branch.id), 'else'].join(' · ')}`;
    }
    case 'random_split': {
      const arms = node.arms ?? [];
      const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
      if (arms.length === 0 || !total) return notSet;
      return `Split ${arms.map((arm) => `${Math.round((arm.weight / total) * 100)}%`).join(' / ')}`;
    }
    case 'offer':
      return node.offerId ? `Grant offer ${quoted(names.offers.get(node.offerId) ?? node.offerId)}` : notSet;
    case 'update_customer': {
      const changes = [
        ...(node.lifecycleStage ? [`stage → ${node.lifecycleStage}`] : []),
        ...Object.keys(node.traits ?? {}),
      ];
      return changes.length ? `Set ${changes.join(', ')}` : notSet;
    }
    case 'webhook':
      return node.url ? `${node.method ?? 'POST'} ${hostOf(node.url)}` : notSet;
    case 'notify_team': {
      const to = node.recipient;
      if (to?.kind === 'address' && to.address) return `Email ${to.address}${node.chatWebhookUrl ? ' and chat' : ''}`;
      if (to?.kind === 'trait' && to.trait) return `Email the ${quoted(to.trait)} address${node.chatWebhookUrl ? ' and chat' : ''}`;
      return notSet;
    }
    case 'exit':
      return 'End of journey';
    default: {
      const unknownNode: never = node;
      throw new Error(`unknown node ${JSON.stringify(unknownNode)}`);
    }
  }
}

/** The host a webhook calls (the whole text while it is not a URL yet). */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
