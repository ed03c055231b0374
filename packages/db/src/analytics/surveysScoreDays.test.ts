import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsInterval, type AnalyticsSettings } from '@lifecycle/journey';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sqliteAppOver } from '../access/openSqliteApp';
import { type Db } from '../client';
import { migrateSqlite } from '../migrateSqlite';
import { addMembership, removeMemberships } from '../queries/segments';
import { MIGRATIONS, migrationsBefore } from '../testing/migrationsBefore';
import { recordCustomerFacts } from './customerFacts';
import { forgetCustomerAnalytics } from './forgetCustomer';
import type { AnalyticsEvent } from './rollupEvent';
import { directSurveyTallyBy, directSurveyTallyByPeriod, directSurveyTallyTotal } from './surveysDirect';
import type { SurveyBreakdown, SurveyFilter } from './surveysFilter';
import { surveyNames } from './surveysQueries';
import { recordSurveysEvent } from './surveysRollup';
import { surveyTallyBy, surveyTallyByPeriod, surveyTallyTotal } from './surveysScoreDays';
import { seededRandom } from '../../../../scripts/demoData/random';
import { openTestDatabase } from '../testing/testDatabase';

const settings: AnalyticsSettings = { ...DEFAULT_ANALYTICS_SETTINGS, channelTrait: 'utm_source' };
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const SURVEYS = [
  ['nps-q', 'nps'],
  ['nps-onboard', 'nps'],
  ['nps-exit', 'nps'],
  ['csat-support', 'csat'],
  ['csat-billing', 'csat'],
] as const;
const SEGMENTS = ['seg_a', 'seg_b'];
const CHANNELS = ['google', 'facebook'];
const JOURNEYS = ['jrn_1', 'jrn_2'];

/** A seeded generator, so a failure names the history that broke. */

/**
 * A random history through the per-event hooks: customers answering several surveys of a kind (often two in one day
 * or one week), second clicks changing a score, late backfilled answers (older than the stored one: ignored), answers
 * sent by journeys or not, stages, channels named late or moved, segment joins and leaves, customers forgotten.
 */
async function randomHistory(db: Db, seed: number, steps = 700): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const customers = Array.from({ length: 60 }, (_, i) => `c${i}`);
  for (const id of SEGMENTS) await db.prepare(`INSERT INTO segments (id, name, definition) VALUES (?, ?, '{}') ON CONFLICT DO NOTHING`).run(id, `Segment ${id}`);
  for (const id of JOURNEYS) await db.prepare(`INSERT INTO journeys (id, name, draft) VALUES (?, ?, '{}') ON CONFLICT DO NOTHING`).run(id, `Journey ${id}`);
  const lastAt = new Map<string, number>();
  for (let step = 0; step < steps; step++) {
    const customer = pick(customers);
    const roll = random();
    // Mostly forward in time per customer (a second click soon after), sometimes a backfilled past answer.
    const previous = lastAt.get(customer) ?? START + Math.floor(random() * 60) * DAY;
    const at = random() < 0.15 ? START + Math.floor(random() * 120 * DAY) : previous + Math.floor(random() * (random() < 0.5 ? DAY : 12 * DAY));
    lastAt.set(customer, Math.max(previous, at));
    const event = (name: string | null, properties: Record<string, unknown>): AnalyticsEvent => ({
      id: `e${step}`, type: name === null ? 'page' : 'track', name, customerId: customer, properties, traits: null, timestamp: new Date(at).toISOString(),
    });
    if (roll < 0.6) {
      const [survey, kind] = pick(SURVEYS);
      const score = kind === 'nps' ? Math.floor(random() * 11) : 1 + Math.floor(random() * 5);
      const journeyId = random() < 0.5 ? pick(JOURNEYS) : undefined;
      if (random() < 0.3) await db.prepare('INSERT INTO customers (id, lifecycle_stage) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET lifecycle_stage = excluded.lifecycle_stage').run(customer, pick(['lead', 'active', 'at_risk']));
      await recordSurveysEvent(db, settings, event('survey_answered', { survey, kind, score, journeyId }));
    } else if (roll < 0.72) await recordCustomerFacts(db, settings, event(null, random() < 0.7 ? { utm_source: pick(CHANNELS) } : {}));
    else if (roll < 0.8) await db.prepare('UPDATE customer_facts SET channel = ? WHERE customer_id = ?').run(random() < 0.2 ? null : pick(CHANNELS), customer);
    else if (roll < 0.9) await addMembership(db, pick(SEGMENTS), customer, new Date(at).toISOString());
    else if (roll < 0.985) await removeMemberships(db, customer, [pick(SEGMENTS)]);
    else await forgetCustomerAnalytics(db, customer);
  }
}

function randomFilter(random: () => number): SurveyFilter {
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const from = Math.floor(random() * 130) - 10;
  const length = 1 + Math.floor(random() * (random() < 0.5 ? 14 : 120));
  const kind = random() < 0.6 ? 'nps' : 'csat';
  const surveys = SURVEYS.filter(([, k]) => k === kind).map(([name]) => name);
  return {
    kind,
    from: new Date(START + from * DAY).toISOString(),
    to: new Date(START + (from + length) * DAY).toISOString(),
    survey: random() < 0.3 ? pick(surveys) : null,
    journeyId: random() < 0.3 ? pick(JOURNEYS) : null,
    segmentId: random() < 0.4 ? pick(SEGMENTS) : null,
    channel: random() < 0.4 ? pick(CHANNELS) : null,
  };
}

describe('survey figures from the day cells (migration 0037)', () => {
  it('equal the window over every answer for random histories, filters, ranges and intervals', async () => {
    for (const seed of [1, 2]) {
      const db = openTestDatabase(':memory:');
      await randomHistory(db, seed);
      const random = seededRandom(seed * 97);
      let counted = 0;
      for (let trial = 0; trial < 90; trial++) {
        const filter = randomFilter(random);
        const interval = (['day', 'week', 'month'] as AnalyticsInterval[])[trial % 3]!;
        const label = `seed ${seed}, ${JSON.stringify(filter)}`;
        expect(await surveyTallyTotal(db, filter), label).toEqual(await directSurveyTallyTotal(db, filter));
        expect(await surveyTallyByPeriod(db, filter, interval), `${label} by ${interval}`).toEqual(await directSurveyTallyByPeriod(db, filter, interval));
        for (const by of ['stage', 'journey', 'segment'] as SurveyBreakdown[]) {
          expect(await surveyTallyBy(db, filter, by), `${label} by ${by}`).toEqual(await directSurveyTallyBy(db, filter, by));
        }
        counted += (await surveyTallyTotal(db, filter)).answers;
      }
      // The histories are not empty: most filters count someone, and some customers answered a kind more than once.
      expect(counted).toBeGreaterThan(200);
      const chained = (await db.prepare(`SELECT count(*) AS n FROM survey_answer_links WHERE next_day <> '~'`).get()) as { n: number };
      expect(chained.n).toBeGreaterThan(20);
      // The survey picker's kept counts equal a count over the answers.
      expect(await surveyNames(db)).toEqual(await db.rows(sql`SELECT survey, kind, count(*) AS answers, max(answered_at) AS lastAnsweredAt FROM survey_answers GROUP BY survey, kind ORDER BY lastAnsweredAt DESC, survey, kind`));
      await db.close();
    }
  }, 600_000);

  it('counts a customer who answered twice in one period once, with the later answer, and the earlier in an earlier period', async () => {
    const db = openTestDatabase(':memory:');
    const answer = async (id: string, survey: string, score: number, at: string) =>
      await recordSurveysEvent(db, settings, { id, type: 'track', name: 'survey_answered', customerId: 'ann', properties: { survey, kind: 'nps', score }, traits: null, timestamp: at });
    await answer('e1', 'nps-q', 2, '2026-03-02T10:00:00.000Z'); // Monday, detractor
    await answer('e2', 'nps-onboard', 10, '2026-03-04T10:00:00.000Z'); // Wednesday, promoter: her latest of the week
    await answer('e3', 'nps-q', 9, '2026-03-04T09:00:00.000Z'); // second click on nps-q, still before the promoter answer
    const filter: SurveyFilter = { kind: 'nps', from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', survey: null, journeyId: null, segmentId: null, channel: null };
    expect(await surveyTallyTotal(db, filter)).toEqual({ answers: 1, positive: 1, neutral: 0, negative: 0 });
    expect(await surveyTallyByPeriod(db, filter, 'day')).toEqual([{ period: '2026-03-04', answers: 1, positive: 1, neutral: 0, negative: 0 }]);
    // A range ending on Tuesday sees neither Wednesday answer: none of hers is in it any more (the click moved nps-q).
    expect(await surveyTallyTotal(db, { ...filter, to: '2026-03-04T00:00:00.000Z' })).toEqual({ answers: 0, positive: 0, neutral: 0, negative: 0 });
    expect(await surveyTallyTotal(db, { ...filter, survey: 'nps-q' })).toEqual({ answers: 1, positive: 1, neutral: 0, negative: 0 });
    await db.close();
  });
});

/** The 0037 tables, sorted, without cells that count nobody. */
async function stored(db: Db) {
  return {
    links: await db.prepare('SELECT * FROM survey_answer_links ORDER BY customer_id, kind, scope, survey').all(),
    days: await db.prepare('SELECT * FROM survey_score_days WHERE answers <> 0 ORDER BY filter_key, kind, scope, day, next_day, stage, journey_id, class').all(),
    names: await db.prepare('SELECT * FROM survey_name_counts ORDER BY survey, kind').all(),
  };
}

describe('migration 0037 (survey day cells)', () => {
  it('fills the cells from the answers already stored exactly as the triggers keep them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-0037-'));
    const { before, later } = migrationsBefore('0037_survey_latest_days', dir);
    const sqlite = new Database(join(dir, 'old.db'));
    migrateSqlite(sqlite, before);
    // An install before 0037 takes the same history through the same hooks (0030's triggers file it per key).
    const old = sqliteAppOver(sqlite);
    await randomHistory(old, 5);
    expect(migrateSqlite(sqlite, MIGRATIONS).applied).toBe(later);
    const live = openTestDatabase(':memory:');
    await randomHistory(live, 5);
    const backfilled = await stored(old);
    expect(backfilled.days.length).toBeGreaterThan(100);
    expect(backfilled).toEqual(await stored(live));
    await old.close();
    await live.close();
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
