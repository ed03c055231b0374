import type { HealthSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import type { AnalyticsEvent } from './rollupEvent';

/**
 * Which events can change a score, so a batch rescores only the customers who sent one (a page view cannot move
 * a score whose rules name `login` and `plan`). The definition is the one the previous batch loaded: a save is
 * picked up one batch later, and the sweep rescores everyone after a save anyway.
 */
type Relevance = { definition: string; anyActivity: boolean; names: Set<string>; traits: boolean; nps: boolean; email: boolean };

const known = new WeakMap<Db, Relevance>();
const touched = new WeakMap<Db, Set<string>>();

/** Remembers the definition the next batch's events are judged by; true when it is not the one this batch was judged by. */
export async function rememberHealthRules(db: Db, settings: HealthSettings): Promise<boolean> {
  const definition = JSON.stringify(settings.rules);
  if (known.get(db)?.definition === definition) return false;
  const relevance: Relevance = { definition, anyActivity: false, names: new Set(), traits: false, nps: false, email: false };
  for (const rule of settings.rules) {
    if (rule.kind === 'activity' && rule.events.length === 0) relevance.anyActivity = true;
    if (rule.kind === 'activity') for (const name of rule.events) relevance.names.add(name);
    if (rule.kind === 'event') relevance.names.add(rule.event);
    if (rule.kind === 'trait') relevance.traits = true;
    if (rule.kind === 'nps') relevance.nps = true;
    if (rule.kind === 'email') relevance.email = true;
  }
  known.set(db, relevance);
  return true;
}

/** Notes the event's customer when the event can change their score (every event, before any definition is known). */
export async function noteHealthEvent(db: Db, event: AnalyticsEvent): Promise<void> {
  const relevance = known.get(db);
  if (relevance && !matters(relevance, event)) return;
  let customers = touched.get(db);
  if (!customers) touched.set(db, (customers = new Set()));
  customers.add(event.customerId);
}

function matters(relevance: Relevance, event: AnalyticsEvent): boolean {
  if (event.traits && relevance.traits) return true;
  if (event.name !== null && relevance.names.has(event.name)) return true;
  if (relevance.anyActivity && (event.type === 'track' || event.type === 'page' || event.type === 'screen')) return true;
  if (relevance.nps && event.name === 'survey_answered') return true;
  return relevance.email && (event.name === 'email_opened' || event.name === 'email_clicked');
}

/** The batch's customers whose events could change their score (a merged id counts as the customer it became); clears the note. */
export async function takeHealthTouched(db: Db, batch: ReadonlySet<string>): Promise<string[]> {
  const noted = touched.get(db) ?? new Set<string>();
  touched.delete(db);
  // Ingest resolves merges after recording: a customer noted under a former id means the whole batch is rescored.
  const merged = [...noted].some((customerId) => !batch.has(customerId));
  return merged ? [...batch] : [...batch].filter((customerId) => noted.has(customerId));
}

/** Drops the customers noted so far (a batch that ended without rescoring them: failed, or a merge's replay in ingest). */
export function forgetHealthNotes(db: Db): void {
  touched.delete(db);
}
