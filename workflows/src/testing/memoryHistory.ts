import { compareCondition, lookupPath, type HistoryAnswer, type HistoryQuestion } from '@lifecycle/journey';
import type { ReadHistoryInput } from '../activities';

/** Stored history as the in-memory activities hold it: what the real reader counts in SQLite. */
export interface MemoryHistory {
  events: { customerId: string; name: string; properties: Record<string, unknown>; timestamp: string }[];
  /** Emails sent by runs, with when they were opened / clicked. */
  emails: { customerId: string; workflowId: string; nodeId: string; openedAt?: string; clickedAt?: string }[];
  offerCodes: { customerId: string; offerId: string; redeemedAt?: string }[];
  /** Segment id → its name and members. */
  segments: Map<string, { name: string; members: Set<string> }>;
}

/** No history. */
export function emptyHistory(): MemoryHistory {
  return { events: [], emails: [], offerCodes: [], segments: new Map() };
}

function answer(history: MemoryHistory, input: ReadHistoryInput, question: HistoryQuestion): HistoryAnswer {
  const mine = <T extends { customerId: string }>(rows: T[]) => rows.filter((row) => row.customerId === input.customerId);
  const after = (at: string | undefined, since: string | null) => at !== undefined && (since === null || at >= since);
  switch (question.kind) {
    case 'event':
      return {
        count: mine(history.events).filter(
          (event) =>
            event.name === question.event &&
            (question.since === null || event.timestamp >= question.since) &&
            (question.where ?? []).every((filter) => compareCondition(filter.op, lookupPath(event.properties, filter.path), filter.value)),
        ).length,
      };
    case 'email':
      return {
        count: mine(history.emails).filter(
          (email) =>
            after(question.action === 'opened' ? email.openedAt : email.clickedAt, question.since) &&
            (question.sendNodeId === undefined || (email.workflowId === input.workflowId && email.nodeId === question.sendNodeId)),
        ).length,
      };
    case 'offer':
      return {
        count: mine(history.offerCodes).filter(
          (code) => (question.offerId === undefined || code.offerId === question.offerId) && (question.state === 'granted' || code.redeemedAt !== undefined),
        ).length,
      };
    case 'segment': {
      const segment = history.segments.get(question.segmentId);
      return { count: segment?.members.has(input.customerId) ? 1 : 0, ...(segment ? { name: segment.name } : {}) };
    }
    default: {
      const unknownQuestion: never = question;
      throw new Error(`unknown history question ${JSON.stringify(unknownQuestion)}`);
    }
  }
}

/** The in-memory `readHistory`: the same counts the worker's SQL reader gives. */
export function readMemoryHistory(history: MemoryHistory, input: ReadHistoryInput): HistoryAnswer[] {
  return input.questions.map((question) => answer(history, input, question));
}
