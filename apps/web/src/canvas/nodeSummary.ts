import type { AwaitedEvent, DraftNode } from '@lifecycle/journey';
import { describeDuration } from './describeDuration';
import { loose } from './looseNode';

const notSet = 'Not configured yet';
const quoted = (text: string) => `“${text}”`;

function describeAwaited(awaited: AwaitedEvent | undefined): string | null {
  if (!awaited) return null;
  switch (awaited.kind) {
    case 'event':
      return `Wait for ${quoted(awaited.event)}`;
    case 'email_opened':
      return `Wait for open of ${awaited.sendNodeId}`;
    case 'email_clicked':
      return `Wait for click in ${awaited.sendNodeId}`;
    default: {
      const unknownAwaited: never = awaited;
      throw new Error(`unknown awaited event ${JSON.stringify(unknownAwaited)}`);
    }
  }
}

/** One line saying what a node does with its configuration, e.g. "Wait 2 days" or "Send “welcome”". */
export function nodeSummary(draft: DraftNode): string {
  const node = loose(draft);
  switch (node.type) {
    case 'trigger': {
      if (!node.event) return notSet;
      const ruleCount = node.conditions?.conditions.length ?? 0;
      return `When ${quoted(node.event)}${ruleCount ? ` matching ${ruleCount} rule${ruleCount === 1 ? '' : 's'}` : ''}`;
    }
    case 'send_email':
      return node.templateId ? `Send ${quoted(node.templateId)}` : notSet;
    case 'wait':
      return node.duration ? `Wait ${describeDuration(node.duration)}` : notSet;
    case 'wait_for_event': {
      const awaited = describeAwaited(node.awaited);
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
      return node.offerId ? `Grant offer ${quoted(node.offerId)}` : notSet;
    case 'update_customer': {
      const changes = [
        ...(node.lifecycleStage ? [`stage → ${node.lifecycleStage}`] : []),
        ...Object.keys(node.traits ?? {}),
      ];
      return changes.length ? `Set ${changes.join(', ')}` : notSet;
    }
    case 'exit':
      return 'End of journey';
    default: {
      const unknownNode: never = node;
      throw new Error(`unknown node ${JSON.stringify(unknownNode)}`);
    }
  }
}
