import type { DraftNode, JourneyDraft } from '@lifecycle/journey';
import { loose } from '../canvas/looseNode';

type Awaited = { kind?: string; sendNodeId?: string };

/** What a wait step waits for, as far as it is filled in; nothing for other steps. */
function awaitedOf(node: DraftNode | undefined): Awaited | undefined {
  if (!node) return undefined;
  const seen = loose(node);
  return seen.type === 'wait_for_event' ? (seen.awaited) : undefined;
}

/**
 * When a wait step is switched to waiting for an open or a click and the journey has exactly one email step, that
 * step is chosen for it: there is nothing else it could mean. Any other edit is returned unchanged.
 */
export function preselectOnlySend(draft: JourneyDraft, previous: DraftNode | undefined, next: DraftNode): DraftNode {
  const awaited = awaitedOf(next);
  if (!awaited || (awaited.kind !== 'email_opened' && awaited.kind !== 'email_clicked') || awaited.sendNodeId) return next;
  if (awaitedOf(previous)?.kind === awaited.kind) return next;
  const sends = draft.nodes.filter((node) => node.type === 'send_email');
  const [only] = sends;
  if (sends.length !== 1 || !only) return next;
  return { ...next, awaited: { ...awaited, sendNodeId: only.id } };
}
