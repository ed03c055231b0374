import { compareCondition, lookupPath, type HistoryAnswer, type HistoryQuestion } from '@lifecycle/journey';
import { answerHistoryQuestion, type Db } from '@lifecycle/db';
import type { ReadHistoryInput } from '@lifecycle/workflows/activities';
import type { RunEvent } from '@lifecycle/workflows/messages';

const after = (timestamp: string, since: string | null) => since === null || timestamp >= since;

/** What the script added to history by now: the trigger and each scripted event, opens and clicks of this run's sends. */
function scriptedCount(events: readonly RunEvent[], question: HistoryQuestion): number {
  switch (question.kind) {
    case 'event':
      return events.filter(
        (event) =>
          event.name === question.event &&
          after(event.timestamp, question.since) &&
          (question.where ?? []).every((filter) => compareCondition(filter.op, lookupPath(event.properties, filter.path), filter.value)),
      ).length;
    case 'email': {
      const name = question.action === 'opened' ? 'email_opened' : 'email_clicked';
      return events.filter((event) => event.name === name && after(event.timestamp, question.since) && (question.sendNodeId === undefined || event.properties.nodeId === question.sendNodeId)).length;
    }
    // A simulation grants sample codes and redeems none; segment membership is what is stored (a sample is in none).
    case 'offer':
    case 'segment':
      return 0;
    default: {
      const unknownQuestion: never = question;
      throw new Error(`unknown history question ${JSON.stringify(unknownQuestion)}`);
    }
  }
}

/**
 * A simulation's history answers: a real customer's stored history (read, never written; their sends in this run
 * do not exist, so "the email of this run" counts scripted opens only) plus what the script made happen so far; a
 * sample customer has the script's history alone.
 */
export async function simulatedHistory(db: Db, realCustomerId: string | null, events: readonly RunEvent[], input: ReadHistoryInput): Promise<HistoryAnswer[]> {
  const answers: HistoryAnswer[] = [];
  for (const question of input.questions) {
    const stored = realCustomerId === null || (question.kind === 'email' && question.sendNodeId !== undefined) ? { count: 0 } : await answerHistoryQuestion(db, realCustomerId, null, question);
    answers.push({ ...stored, count: stored.count + scriptedCount(events, question) });
  }
  return answers;
}
