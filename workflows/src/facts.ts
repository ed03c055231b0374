import { answersByRule, historyQuestion, historyRulesOf, type ConditionGroup, type Facts, type HistoryAnswers } from '@lifecycle/journey';
import { bookkeeping } from './activityProxies';
import type { CustomerSnapshot } from './activities';
import type { RunEvent } from './messages';
import type { RunState } from './runState';
import { scaledMs } from './timing';

/** A customer that could not be loaded: no traits, no email, not subscribed. */
const unknownCustomer: Facts['customer'] = { traits: {}, lifecycleStage: null, email: null, subscription: 'unsubscribed' };

/** The facts conditions are evaluated against: the customer as loaded (if at all), the event in hand, history read. */
export function factsFor(customer: CustomerSnapshot | null, event: RunEvent | null, history?: HistoryAnswers): Facts {
  const customerFacts = customer
    ? { traits: customer.traits, lifecycleStage: customer.lifecycleStage, email: customer.email, subscription: customer.subscription }
    : unknownCustomer;
  const withHistory = history ? { history } : {};
  return event ? { customer: customerFacts, event: { name: event.name, properties: event.properties }, ...withHistory } : { customer: customerFacts, ...withHistory };
}

/** True when a condition group reads the customer (a trait, a customer field or the stage), so it is worth loading them. */
export function readsCustomer(group: ConditionGroup | undefined): boolean {
  if (!group) return false;
  return group.conditions.some((item) =>
    'match' in item ? readsCustomer(item) : 'source' in item ? item.source !== 'event' : item.kind === 'trait' || item.kind === 'customer' || item.kind === 'stage',
  );
}

/**
 * Reads the stored history the groups' history rules need, in one local activity, windows counted back from now
 * (workflow time, scaled like every wait). No activity at all when no rule needs history, so runs of journeys
 * without history rules (every history recorded before they existed) replay unchanged.
 */
export async function readHistoryFor(state: RunState, groups: readonly ConditionGroup[]): Promise<HistoryAnswers | undefined> {
  const rules = groups.flatMap((group) => historyRulesOf(group));
  if (rules.length === 0) return undefined;
  const now = Date.now();
  const questions = rules.map((rule) => historyQuestion(rule, now, (window) => scaledMs(state, window)));
  const answers = await bookkeeping.readHistory({ customerId: state.input.customerId, workflowId: state.workflowId, questions });
  return answersByRule(rules, answers);
}
