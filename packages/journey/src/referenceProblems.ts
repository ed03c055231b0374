import { stepName, type KnownReferences, type Problem } from './problems';
import type { DraftNode } from './schema';

/**
 * A segment or stage entry naming a segment that is gone or a stage no longer configured: it would enter nobody.
 * The schedule entry's own (optional) segment is the **entries** helper's to check.
 */
function entryProblems(node: DraftNode, known: KnownReferences): Problem[] {
  if (node.type !== 'trigger' || typeof node.entry !== 'object' || node.entry === null) return [];
  const entry = node.entry as { kind?: unknown; segmentId?: unknown; stage?: unknown };
  if (entry.kind === 'segment' && known.segmentIds && isSetString(entry.segmentId) && !known.segmentIds.has(entry.segmentId)) {
    const message = `${stepName(node)} starts on segment '${entry.segmentId}', which does not exist (deleted?): choose another segment`;
    return [{ nodeId: node.id, field: 'entry.segmentId', code: 'unknown_segment', message }];
  }
  if (entry.kind === 'stage' && known.stages && isSetString(entry.stage) && !known.stages.has(entry.stage)) {
    const message = `${stepName(node)} starts on stage '${entry.stage}', which is not one of the configured lifecycle stages: choose a stage`;
    return [{ nodeId: node.id, field: 'entry.stage', code: 'unknown_stage', message }];
  }
  return [];
}

/**
 * Templates, offers, segments and stages that don't exist, and email waits pointing at something that isn't an
 * email step.
 */
export function referenceProblems(nodes: readonly DraftNode[], known: KnownReferences): Problem[] {
  const sendNodeIds = new Set(nodes.filter((node) => node.type === 'send_email').map((node) => node.id));
  return nodes.flatMap((node): Problem[] => {
    if (node.type === 'trigger') return entryProblems(node, known);
    if (node.type === 'send_email' && isSetString(node.templateId) && !known.templateIds.has(node.templateId)) {
      const message = `${stepName(node)} sends template '${node.templateId}', which does not exist (deleted?): choose another template`;
      return [{ nodeId: node.id, field: 'templateId', code: 'unknown_template', message }];
    }
    if (node.type === 'offer' && isSetString(node.offerId) && !known.offerIds.has(node.offerId)) {
      const message = `${stepName(node)} grants offer '${node.offerId}', which does not exist (deleted?): choose another offer`;
      return [{ nodeId: node.id, field: 'offerId', code: 'unknown_offer', message }];
    }
    if (node.type === 'wait_for_event') {
      const sendNodeId = awaitedSendNodeId(node.awaited);
      if (sendNodeId !== null && !sendNodeIds.has(sendNodeId)) {
        const message = `${stepName(node)} waits on email step '${sendNodeId}', which is not a Send email step of this journey: choose one`;
        return [{ nodeId: node.id, field: 'awaited.sendNodeId', code: 'unknown_send_node', message }];
      }
    }
    return [];
  });
}

function isSetString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function awaitedSendNodeId(awaited: unknown): string | null {
  if (typeof awaited !== 'object' || awaited === null || !('kind' in awaited) || !('sendNodeId' in awaited)) return null;
  const { kind, sendNodeId } = awaited;
  if (kind !== 'email_opened' && kind !== 'email_clicked') return null;
  return isSetString(sendNodeId) ? sendNodeId : null;
}
