import { answersByRule, durationMs, historyQuestion, historyRulesOf, type HistoryAnswers, type NodeOf } from '@lifecycle/journey';
import { answerHistory, type Db } from '@lifecycle/db';

/**
 * The stored history a trigger's conditions ask about, read at entry for this customer (windows counted back from
 * now, scaled like the run's waits). Undefined when the conditions have no history rules: nothing is read.
 */
export async function triggerHistory(deps: { db: Db; timeScale: number; now: () => Date }, trigger: NodeOf<'trigger'>, customerId: string): Promise<HistoryAnswers | undefined> {
  const rules = historyRulesOf(trigger.conditions);
  if (rules.length === 0) return undefined;
  const nowMs = deps.now().getTime();
  const questions = rules.map((rule) => historyQuestion(rule, nowMs, (window) => durationMs(window) * deps.timeScale));
  // No run yet: an email rule naming a send step of "this run" counts nothing at entry.
  return answersByRule(rules, await answerHistory(deps.db, customerId, null, questions));
}
