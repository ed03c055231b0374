import type { HealthObservation, HealthRule, HealthSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import { healthStatements } from './healthStatements';

const DAY_MS = 86_400_000;

/** What the rules saw for one customer, and when the earliest window drops an event out (the score may change then). */
export type HealthInputs = { observed: HealthObservation[]; changesAt: string | null };

/** Reads each rule's input: one indexed read per rule (events by customer and time, deliveries by customer, the NPS rollup). */
export async function healthInputsOf(db: Db, settings: HealthSettings, customerId: string, now: Date): Promise<HealthInputs> {
  let changesAt: string | null = null;
  const expires = (at: string | null | undefined, days: number) => {
    if (!at) return;
    const due = new Date(Date.parse(at) + days * DAY_MS).toISOString();
    if (changesAt === null || due < changesAt) changesAt = due;
  };
  const observed: HealthObservation[] = [];
  for (const rule of settings.rules) observed.push(await observe(db, rule, customerId, now, expires));
  return { observed, changesAt };
}

async function observe(db: Db, rule: HealthRule, customerId: string, now: Date, expires: (at: string | null | undefined, days: number) => void): Promise<HealthObservation> {
  const statements = healthStatements(db);
  const end = now.toISOString();
  switch (rule.kind) {
    case 'activity': {
      const since = windowStart(now, rule.days);
      // The newest `target` events at most: how many, and the oldest of them (its ageing-out can lower the count).
      const seen = (rule.events.length === 0
        ? await statements.anyActivity.get(customerId, since, end, rule.target)
        : await statements.namedActivity.get(customerId, since, end, JSON.stringify(rule.events), rule.target)) as { count: number; oldest: string | null };
      expires(seen.oldest, rule.days);
      return { kind: 'activity', count: seen.count };
    }
    case 'event': {
      const latest = (await statements.latestEvent.get<string>(customerId, rule.event, windowStart(now, rule.days), end)) ?? null;
      expires(latest, rule.days);
      return { kind: 'event', happened: latest !== null };
    }
    case 'nps':
      return { kind: 'nps', score: (await statements.nps.get<number>(customerId)) ?? null };
    case 'email': {
      const since = windowStart(now, rule.days);
      const click = (await statements.latestClick.get<string>(customerId, since, end)) ?? null;
      // A click is also an open: the pixel may have been blocked.
      const open = rule.engagement === 'opened' ? latest((await statements.latestOpen.get<string>(customerId, since, end)) ?? null, click) : click;
      expires(open, rule.days);
      return { kind: 'email', engaged: open !== null };
    }
    case 'trait': {
      const path = `$.${rule.trait.split('.').map((key) => `"${key}"`).join('.')}`;
      return { kind: 'trait', value: (await statements.trait.get(path, customerId)) ?? null };
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
