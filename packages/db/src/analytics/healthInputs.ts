import type { HealthObservation, HealthRule, HealthSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import { healthStatements } from './healthStatements';

const DAY_MS = 86_400_000;

/** What the rules saw for one customer, and when the earliest window drops an event out (the score may change then). */
export type HealthInputs = { observed: HealthObservation[]; changesAt: string | null };

/** Reads each rule's input: one indexed read per rule (events by customer and time, deliveries by customer, the NPS rollup). */
export function healthInputsOf(db: Db, settings: HealthSettings, customerId: string, now: Date): HealthInputs {
  let changesAt: string | null = null;
  const expires = (at: string | null | undefined, days: number) => {
    if (!at) return;
    const due = new Date(Date.parse(at) + days * DAY_MS).toISOString();
    if (changesAt === null || due < changesAt) changesAt = due;
  };
  const observed = settings.rules.map((rule) => observe(db, rule, customerId, now, expires));
  return { observed, changesAt };
}

function observe(db: Db, rule: HealthRule, customerId: string, now: Date, expires: (at: string | null | undefined, days: number) => void): HealthObservation {
  const statements = healthStatements(db);
  const end = now.toISOString();
  switch (rule.kind) {
    case 'activity': {
      const since = windowStart(now, rule.days);
      // The newest `target` events at most: how many, and the oldest of them (its ageing-out can lower the count).
      const seen = (rule.events.length === 0
        ? statements.anyActivity.get(customerId, since, end, rule.target)
        : statements.namedActivity.get(customerId, since, end, JSON.stringify(rule.events), rule.target)) as { count: number; oldest: string | null };
      expires(seen.oldest, rule.days);
      return { kind: 'activity', count: seen.count };
    }
    case 'event': {
      const latest = (statements.latestEvent.get(customerId, rule.event, windowStart(now, rule.days), end) as string | undefined) ?? null;
      expires(latest, rule.days);
      return { kind: 'event', happened: latest !== null };
    }
    case 'nps':
      return { kind: 'nps', score: (statements.nps.get(customerId) as number | undefined) ?? null };
    case 'email': {
      const since = windowStart(now, rule.days);
      const click = (statements.latestClick.get(customerId, since, end) as string | undefined) ?? null;
      // A click is also an open: the pixel may have been blocked.
      const open = rule.engagement === 'opened' ? latest((statements.latestOpen.get(customerId, since, end) as string | undefined) ?? null, click) : click;
      expires(open, rule.days);
      return { kind: 'email', engaged: open !== null };
    }
    case 'trait': {
      const path = `$.${rule.trait.split('.').map((key) => `"${key}"`).join('.')}`;
      return { kind: 'trait', value: statements.trait.get(path, customerId) ?? null };
    }
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown health rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

function windowStart(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  return b === null || a > b ? a : b;
}
