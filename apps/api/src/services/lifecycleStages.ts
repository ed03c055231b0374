import { DEFAULT_LIFECYCLE, LifecycleConfig, type StageRule } from '@lifecycle/journey';
import { changeStage, getCustomer, getLifecycleSettings, inactiveCustomers, type Db } from '@lifecycle/db';

/** The saved lifecycle config, or the default one. */
export function lifecycleConfig(db: Db): LifecycleConfig {
  const parsed = LifecycleConfig.safeParse(getLifecycleSettings(db));
  return parsed.success ? parsed.data : DEFAULT_LIFECYCLE;
}

/** Whether a rule applies to a customer in `stage` (no stage yet counts as the first stage). */
function appliesFrom(rule: StageRule, stage: string | null, config: LifecycleConfig): boolean {
  if (stage === rule.to) return false;
  return rule.from === undefined || rule.from.includes(stage ?? config.stages[0] ?? '');
}

/** What happened that stage rules look at: a stored event, or an identify. */
export type StageTrigger = { type: 'track'; name: string; occurrences: number } | { type: 'identify' };

/** Applies the event rules to one stored message of the customer; returns the stage entered, if any. */
export function applyStageRules(db: Db, config: LifecycleConfig, customerId: string, trigger: StageTrigger, at: string): string | null {
  for (const rule of config.rules) {
    const customer = getCustomer(db, customerId);
    if (!customer || !appliesFrom(rule, customer.lifecycleStage, config)) continue;
    let cause: string | null = null;
    switch (rule.kind) {
      case 'event':
        if (trigger.type === 'track' && trigger.name === rule.event && (!rule.first || trigger.occurrences === 1)) cause = `${rule.first ? 'first ' : ''}\`${rule.event}\` event`;
        break;
      case 'identified':
        if (trigger.type === 'identify' && customer.email) cause = 'identified with an email';
        break;
      case 'inactive':
        break; // the sweep applies it
      default: {
        const unknownRule: never = rule;
        throw new Error(`unknown stage rule ${JSON.stringify(unknownRule)}`);
      }
    }
    if (cause && changeStage(db, { customerId, to: rule.to, cause, at }).changed) return rule.to;
  }
  return null;
}

/** Moves customers inactive past each inactivity rule; returns how many moved. Bounded per call (`limit` per rule). */
export function applyInactivityRules(db: Db, config: LifecycleConfig, now: Date, limit = 500): number {
  let moved = 0;
  for (const rule of config.rules) {
    if (rule.kind !== 'inactive') continue;
    const before = new Date(now.getTime() - rule.days * 86_400_000).toISOString();
    const candidates = inactiveCustomers(db, { before, to: rule.to, from: rule.from ?? null, nullAs: config.stages[0] ?? '' }, limit);
    for (const candidate of candidates) {
      if (changeStage(db, { customerId: candidate.customerId, to: rule.to, cause: `no activity for ${rule.days} days`, at: now.toISOString() }).changed) moved += 1;
    }
  }
  return moved;
}
