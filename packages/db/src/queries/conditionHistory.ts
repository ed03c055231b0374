import type { HistoryAnswer, HistoryQuestion, SegmentGroup } from '@lifecycle/journey';
import type { Db } from '../client';
import { preparedText } from '../preparedPerDb';
import { historyRows, segmentCondition, type SqlCondition } from './conditionSql';

const prepared = preparedText;

async function count(db: Db, rows: SqlCondition, customerId: string): Promise<number> {
  // `?` for the customer comes first in every history row set.
  return (await prepared(db, `select count(*) ${rows.text}`).pluck().get(customerId, ...rows.params)) as number;
}

async function nameOf(db: Db, table: 'segments' | 'offers', id: string): Promise<string | undefined> {
  const name = await prepared(db, `select name from ${table} where id = ?`).pluck().get(id);
  return typeof name === 'string' ? name : undefined;
}

/**
 * Answers one history question for one customer with the same row sets segment SQL counts (indexed reads of
 * that customer's rows). `workflowId` scopes an email question about a send of this run.
 */
export async function answerHistoryQuestion(db: Db, customerId: string, workflowId: string | null, question: HistoryQuestion): Promise<HistoryAnswer> {
  switch (question.kind) {
    case 'event':
      return { count: await count(db, historyRows.event(db.dialect, '?', question.event, question.since, question.where), customerId) };
    case 'email': {
      const send = question.sendNodeId !== undefined ? { workflowId: workflowId ?? '', nodeId: question.sendNodeId } : undefined;
      return { count: await count(db, historyRows.email('?', question.action, question.since, send), customerId) };
    }
    case 'offer': {
      const name = question.offerId ? await nameOf(db, 'offers', question.offerId) : undefined;
      return { count: await count(db, historyRows.offer('?', question.offerId, question.state), customerId), ...(name ? { name } : {}) };
    }
    case 'segment': {
      const name = await nameOf(db, 'segments', question.segmentId);
      return { count: await count(db, historyRows.segment('?', question.segmentId), customerId), ...(name ? { name } : {}) };
    }
    default: {
      const unknownQuestion: never = question;
      throw new Error(`unknown history question ${JSON.stringify(unknownQuestion)}`);
    }
  }
}

/** Answers every question, in order. */
export async function answerHistory(
  db: Db,
  customerId: string,
  workflowId: string | null,
  questions: readonly HistoryQuestion[],
): Promise<HistoryAnswer[]> {
  const answers: HistoryAnswer[] = [];
  for (const question of questions) answers.push(await answerHistoryQuestion(db, customerId, workflowId, question));
  return answers;
}

/** Whether one customer matches a segment definition now, by the segment's own SQL (one indexed query). */
export async function customerMatchesSegment(db: Db, customerId: string, definition: SegmentGroup, now: Date): Promise<boolean> {
  const condition = segmentCondition(definition, now, db.dialect);
  return (await prepared(db, `select exists (select 1 from customers c where c.id = ? and ${condition.text}) as yes`).pluck().get(customerId, ...condition.params)) === 1;
}
