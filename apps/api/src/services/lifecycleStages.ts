import { DEFAULT_LIFECYCLE, LifecycleConfig, type StageRule } from '@lifecycle/journey';
import { changeStage, customerStageRow, getLifecycleSettings, inactiveCustomersSlice, stageCountsNow, type Db, type InactivityCursor } from '@lifecycle/db';

/** The saved lifecycle config, or the default one. */
export async function lifecycleConfig(db: Db): Promise<LifecycleConfig> {
  const parsed = LifecycleConfig.safeParse(await getLifecycleSettings(db));
  return parsed.success ? parsed.data : DEFAULT_LIFECYCLE;
}

/** How many customers each stage holds now, configured stages in order (customers with no stage yet count in the first). */
export type StageCounts = { stages: { stage: string; customers: number }[]; unlisted: { stage: string; customers: number }[]; total: number };

/**
 * Customers per stage, counted along the `customers_stage` index (the analytics' own "now" count: no table scan). Stages
 * customers still hold but the config no longer lists come under `unlisted`.
 */
export async function stageCounts(db: Db): Promise<StageCounts> {
  const config = await lifecycleConfig(db);
  const counted = new Map((await stageCountsNow(db, { segmentId: null, channel: null }, config.stages[0] ?? '')).map((row) => [row.stage, row.customers]));
  const stages = config.stages.map((stage) => ({ stage, customers: counted.get(stage) ?? 0 }));
  const listed = new Set(config.stages);
  const unlisted = [...counted].filter(([stage]) => !listed.has(stage)).map(([stage, customers]) => ({ stage, customers }));
  const total = [...counted.values()].reduce((sum, customers) => sum + customers, 0);
  return { stages, unlisted, total };
}

/** Whether a rule applies to a customer in `stage` (no stage yet counts as the first stage). */
function appliesFrom(rule: StageRule, stage: string | null, config: LifecycleConfig): boolean {
  if (stage === rule.to) return false;
  return rule.from === undefined || rule.from.includes(stage ?? config.stages[0] ?? '');
}

/** What happened that stage rules look at: a stored event, or an identify. */
export type StageTrigger = { type: 'track'; name: string; occurrences: number } | { type: 'identify' };

/** Why a rule fires for this trigger, or null when it does not (inactivity is the sweep's). */
function causeOf(rule: StageRule, trigger: StageTrigger, hasEmail: boolean): string | null {
  switch (rule.kind) {
    case 'event':
      return trigger.type === 'track' && trigger.name === rule.event && (!rule.first || trigger.occurrences === 1) ? `${rule.first ? 'first ' : ''}\`${rule.event}\` event` : null;
    case 'identified':
      return trigger.type === 'identify' && hasEmail ? 'identified with an email' : null;
    case 'inactive':
      return null;
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown stage rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

/** Applies the event rules to one stored message of the customer, in order; returns the stage entered, if any. */
export async function applyStageRules(db: Db, config: LifecycleConfig, customerId: string, trigger: StageTrigger, at: string): Promise<string | null> {
  // Most messages match no rule: decide that before touching the database.
  const candidates = config.rules.filter((rule) => rule.kind === (trigger.type === 'track' ? 'event' : 'identified') && (rule.kind !== 'event' || trigger.type !== 'track' || rule.event === trigger.name));
  let entered: string | null = null;
  for (const rule of candidates) {
    const customer = await customerStageRow(db, customerId);
    if (!customer || !appliesFrom(rule, customer.stage, config)) continue;
    const cause = causeOf(rule, trigger, customer.email !== null);
    if (cause && (await changeStage(db, { customerId, to: rule.to, cause, at })).changed) entered = rule.to;
  }
  return entered;
}

/** Inactive customers read per rule per sweep: a few tens of milliseconds at 1M customers, whatever is movable. */
const INACTIVITY_SCAN = 10_000;
/**
 * Where each inactivity rule's walk got to, per database (the sweep runs in one process at a time; a process taking
 * the sweep over starts its walk from the oldest). A walk visits every inactive customer once per round, so one whose
 * stage changed without activity is still found; a rule changed in the settings starts a new walk.
 */
const inactivityWalks = new WeakMap<Db, Map<string, InactivityCursor | null>>();

/** Moves customers inactive past each inactivity rule; returns how many moved. Bounded per call (`limit` per rule). */
export async function applyInactivityRules(db: Db, config: LifecycleConfig, now: Date, limit = 500): Promise<number> {
  let moved = 0;
  for (const rule of config.rules) {
    if (rule.kind !== 'inactive') continue;
    const before = new Date(now.getTime() - rule.days * 86_400_000).toISOString();
    const walks = inactivityWalks.get(db) ?? new Map<string, InactivityCursor | null>();
    inactivityWalks.set(db, walks);
    const key = JSON.stringify([rule.days, rule.to, rule.from ?? null, config.stages[0] ?? '']);
    const slice = await inactiveCustomersSlice(db, before, walks.get(key) ?? null, INACTIVITY_SCAN);
    const nullAs = config.stages[0] ?? '';
    const movable = slice.customers.filter((customer) => customer.stage !== rule.to && (!rule.from || rule.from.includes(customer.stage ?? nullAs)));
    for (const candidate of movable.slice(0, limit)) {
      if ((await changeStage(db, { customerId: candidate.customerId, to: rule.to, cause: `no activity for ${rule.days} days`, at: now.toISOString() })).changed) moved += 1;
    }
    // More to move than one sweep may: the next sweep goes on after the last one moved, not after the slice.
    const last = movable.length > limit ? movable[limit - 1]! : null;
    walks.set(key, last ? { lastSeenAt: last.lastSeenAt, row: last.row } : slice.next);
  }
  return moved;
}
