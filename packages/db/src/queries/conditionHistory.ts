import type { HistoryAnswer, HistoryQuestion, SegmentGroup } from '@lifecycle/journey';
import type { Db } from '../client';
import { preparedText } from '../preparedPerDb';
import { historyRows, segmentCondition, type SqlCondition } from './conditionSql';

const prepared = preparedText;

function count(db: Db, rows: SqlCondition, customerId: string): number {
  // `?` for the customer comes first in every history row set.
  return prepared(db, `select count(*) ${rows.text}`).pluck().get(customerId, ...rows.params) as number;
}

function nameOf(db: Db, table: 'segments' | 'offers', id: string): string | undefined {
  const name = prepared(db, `select name from ${table} where id = ?`).pluck().get(id);
  return typeof name === 'string' ? name : undefined;
}

/**
 * Answers one history question for one customer with the same row sets segment SQL counts (indexed reads of
 * that customer's rows). `workflowId` scopes an email question about a send of this run.
 */
export function answerHistoryQuestion(db: Db, customerId: string, workflowId: string | null, question: HistoryQuestion): HistoryAnswer {
  switch (question.kind) {
    case 'event':
      return { count: count(db, historyRows.event('?', question.event, question.since, question.where), customerId) };
    case 'email': {
      const send = question.sendNodeId !== undefined ? { workflowId: workflowId ?? '', nodeId: question.sendNodeId } : undefined;
      return { count: count(db, historyRows.email('?', question.action, question.since, send), customerId) };
    }
    case 'offer': {
      const name = question.offerId ? nameOf(db, 'offers', question.offerId) : undefined;
      return { count: count(db, historyRows.offer('?', question.offerId, question.state), customerId), ...(name ? { name } : {}) };
    }
    case 'segment': {
      const name = nameOf(db, 'segments', question.segmentId);
      return { count: count(db, historyRows.segment('?', question.segmentId), customerId), ...(name ? { name } : {}) };
    }
    default: {
      const unknownQuestion: never = question;
      throw new Error(`unknown history question ${JSON.stringify(unknownQuestion)}`);
    }
  }
}

/** Answers every question, in order. */
export function answerHistory(db: Db, customerId: string, workflowId: string | null, questions: readonly HistoryQuestion[]): HistoryAnswer[] {
  return questions.map((question) => answerHistoryQuestion(db, customerId, workflowId, question));
}

/** Whether one customer matches a segment definition now, by the segment's own SQL (one indexed query). */
export function customerMatchesSegment(db: Db, customerId: string, definition: SegmentGroup, now: Date): boolean {
  const condition = segmentCondition(definition, now);
  return prepared(db, `select exists (select 1 from customers c where c.id = ? and ${condition.text}) as yes`).pluck().get(customerId, ...condition.params) === 1;
}
