import { z } from 'zod';
import { durationMs, PropertyFilter, type ConditionGroup, type ConditionRule, type Duration, type Rule } from './schema';

/** The rules whose answer lives in stored history, not in the customer row or the event in hand. */
export type HistoryRule = Extract<ConditionRule, { kind: 'event' | 'email' | 'offer' | 'segment' }>;

/** True when the rule needs stored history (events, emails, offer codes, segment memberships). */
export function isHistoryRule(rule: Rule): rule is HistoryRule {
  return 'kind' in rule && (rule.kind === 'event' || rule.kind === 'email' || rule.kind === 'offer' || rule.kind === 'segment');
}

/** Every history rule of a group, nested groups flattened, in order. */
export function historyRulesOf(group: ConditionGroup | undefined): HistoryRule[] {
  if (!group) return [];
  return group.conditions.flatMap((item) => ('match' in item ? historyRulesOf(item) : isHistoryRule(item) ? [item] : []));
}

/**
 * What the history reader is asked, per rule: a count. `since` is the window's start (ISO; null: all history),
 * computed by the caller from its own clock so a workflow asks with workflow time.
 */
export const HistoryQuestion = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), event: z.string().min(1).max(200), since: z.string().nullable(), where: z.array(PropertyFilter).max(10).optional() }),
  z.object({ kind: z.literal('email'), action: z.enum(['opened', 'clicked']), since: z.string().nullable(), sendNodeId: z.string().optional() }),
  z.object({ kind: z.literal('offer'), offerId: z.string().optional(), state: z.enum(['granted', 'redeemed']) }),
  z.object({ kind: z.literal('segment'), segmentId: z.string() }),
]);
export type HistoryQuestion = z.infer<typeof HistoryQuestion>;

/** The answer: how many matching records (segment: 1 member, 0 not) and the name of what was asked about, if it has one. */
export const HistoryAnswer = z.object({ count: z.number().int().min(0), name: z.string().optional() });
export type HistoryAnswer = z.infer<typeof HistoryAnswer>;

/** The answers by rule (identity): what `evaluateCondition` reads for history rules. */
export type HistoryAnswers = ReadonlyMap<Rule, HistoryAnswer>;

/** The question a rule asks, its window counted back from `nowMs` (`windowMs` scales windows where time is scaled). */
export function historyQuestion(rule: HistoryRule, nowMs: number, windowMs: (window: Duration) => number = durationMs): HistoryQuestion {
  const since = (within: Duration | undefined) => (within ? new Date(nowMs - windowMs(within)).toISOString() : null);
  switch (rule.kind) {
    case 'event':
      return { kind: 'event', event: rule.event, since: since(rule.within), ...(rule.where?.length ? { where: rule.where } : {}) };
    case 'email':
      return { kind: 'email', action: rule.action, since: since(rule.within), ...(rule.sendNodeId ? { sendNodeId: rule.sendNodeId } : {}) };
    case 'offer':
      return { kind: 'offer', ...(rule.offerId ? { offerId: rule.offerId } : {}), state: rule.state ?? 'granted' };
    case 'segment':
      return { kind: 'segment', segmentId: rule.segmentId };
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown history rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

/** Pairs rules with the answers read for their questions (same order). */
export function answersByRule(rules: readonly HistoryRule[], answers: readonly HistoryAnswer[]): HistoryAnswers {
  return new Map(rules.map((rule, index) => [rule, answers[index] ?? { count: 0 }]));
}
