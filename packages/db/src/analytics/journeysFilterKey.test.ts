import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteAppOver } from '../access/openSqliteApp';
import { openSqliteFile, type Db } from '../client';
import { customerFilter } from './customerFacts';
import { experimentArmCounts } from './experimentsQueries';
import { conversionTotals, journeyVersionFigures, medianSecondsToConvert } from './journeysQueries';
import { FILTERS, RANGES, randomHistory } from './journeysRandomHistory';
import { surveyTallyBy, surveyTallyByPeriod, surveyTallyTotal, type SurveyFilter } from './surveysQueries';

// The figures that read the per-filter-key rollups of migration 0030 must equal what the queries they replaced
// computed straight from the facts (runs, run_steps, run_conversions, survey_answers, probing the filter per row),
// through a random history in which memberships and channels move after the facts were written.

let dir: string;
// The random history writes through the file's synchronous handle; the figures read through the app database on it.
let sqlite: Database.Database;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-filter-keys-'));
  sqlite = openSqliteFile(join(dir, 'test.db')).$client;
  db = sqliteAppOver(sqlite);
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

type Filter = { from: string; to: string; segmentId: string | null; channel: string | null };

/** The journeys figures as the replaced queries computed them: from the runs and every conversion, median in JS. */
async function directJourneyFigures(filter: Filter) {
  const who = (column: string) => customerFilter(sql.raw(column), filter);
  const runs = await db.rows<{ versionId: string; status: string; runs: number }>(sql`SELECT version_id AS versionId, status, count(*) AS runs FROM runs
    WHERE started_at >= ${filter.from} AND started_at < ${filter.to} AND ${who('customer_id')} GROUP BY version_id, status ORDER BY version_id, status`);
  const conversions = await db.rows<{ versionId: string; journeyId: string; seconds: number; revenue: number }>(sql`SELECT c.version_id AS versionId, c.journey_id AS journeyId,
      max(0, (julianday(c.converted_at) - julianday(c.started_at)) * 86400) AS seconds, coalesce(w.revenue, 0) AS revenue
    FROM run_conversions c LEFT JOIN journey_run_windows w ON w.workflow_id = c.workflow_id
    WHERE c.started_at >= ${filter.from} AND c.started_at < ${filter.to} AND ${who('c.customer_id')} ORDER BY seconds`);
  const median = (values: number[]) => (values.length === 0 ? null : (values[Math.floor((values.length - 1) / 2)]! + values[Math.floor(values.length / 2)]!) / 2);
  const of = (key: 'versionId' | 'journeyId', id: string) => conversions.filter((row) => row[key] === id);
  const totals = (rows: typeof conversions) => ({ converted: rows.length, revenue: Math.round(rows.reduce((sum, row) => sum + row.revenue, 0) * 100) / 100, median: median(rows.map((row) => row.seconds)) });
  return { runs, versions: ['v1', 'v2', 'v3'].map((id) => totals(of('versionId', id))), journeys: ['j1', 'j2'].map((id) => totals(of('journeyId', id))) };
}

async function rolledUpJourneyFigures(filter: Filter) {
  const runs = (await journeyVersionFigures(db, filter)).sort((a, b) => a.versionId.localeCompare(b.versionId)).flatMap((figures) =>
    Object.entries({ completed: figures.completed, ended: figures.endedOtherwise, inProgress: figures.inProgress }).filter(([, n]) => n !== 0).map(([what, n]) => [figures.versionId, what, n]),
  );
  const totals = new Map((await conversionTotals(db, filter)).map((row) => [row.versionId, row]));
  const version = async (id: string) => {
    const converted = totals.get(id)?.converted ?? 0;
    return { converted, revenue: Math.round((totals.get(id)?.revenue ?? 0) * 100) / 100, median: await medianSecondsToConvert(db, filter, { versionId: id }, converted) };
  };
  const journey = async (id: string, versions: string[]) => {
    const converted = versions.reduce((sum, v) => sum + (totals.get(v)?.converted ?? 0), 0);
    return { converted, revenue: Math.round(versions.reduce((sum, v) => sum + (totals.get(v)?.revenue ?? 0), 0) * 100) / 100, median: await medianSecondsToConvert(db, filter, { journeyId: id }, converted) };
  };
  const versions = [];
  for (const id of ['v1', 'v2', 'v3']) versions.push(await version(id));
  return { runs, versions, journeys: [await journey('j1', ['v1', 'v2']), await journey('j2', ['v3'])] };
}

/** The run counts of the direct query, grouped the way journeyVersionFigures reports them. */
function directRunCounts(rows: { versionId: string; status: string; runs: number }[]) {
  const grouped = new Map<string, number>();
  for (const row of rows) {
    const what = row.status === 'completed' ? 'completed' : row.status === 'failed' || row.status === 'cancelled' ? 'ended' : 'inProgress';
    grouped.set(`${row.versionId}|${what}`, (grouped.get(`${row.versionId}|${what}`) ?? 0) + row.runs);
  }
  return [...grouped].filter(([, n]) => n !== 0).map(([key, n]) => [...key.split('|'), n]);
}

/** Arm counts as the replaced query computed them: distinct runs per exit over run_steps × runs × run_conversions. */
async function directArmCounts(filter: Filter) {
  return await db.rows(sql`SELECT s.exit AS armId, count(DISTINCT s.workflow_id) AS entered, count(DISTINCT c.workflow_id) AS converted
    FROM run_steps s JOIN runs r ON r.workflow_id = s.workflow_id LEFT JOIN run_conversions c ON c.workflow_id = s.workflow_id
    WHERE s.node_id = 'split' AND s.node_type = 'random_split' AND s.exit IS NOT NULL AND r.journey_id = 'j1'
      AND s.entered_at >= ${filter.from} AND s.entered_at < ${filter.to} AND ${customerFilter(sql`r.customer_id`, filter)} GROUP BY s.exit ORDER BY s.exit`);
}

/** Survey tallies as the replaced query computed them: each customer's latest answer over survey_answers. */
async function directSurveyTotal(filter: SurveyFilter) {
  return (await db.rows(sql`SELECT count(*) AS answers, coalesce(sum(score >= 9), 0) AS positive, coalesce(sum(score BETWEEN 7 AND 8), 0) AS neutral, coalesce(sum(score <= 6), 0) AS negative
    FROM (SELECT s.score, row_number() OVER (PARTITION BY s.customer_id ORDER BY s.answered_at DESC, s.survey) AS rn FROM survey_answers s
          WHERE s.kind = 'nps' AND s.answered_at >= ${filter.from} AND s.answered_at < ${filter.to} AND ${customerFilter(sql`s.customer_id`, filter)}) AS sub1 WHERE rn = 1`))[0];
}

async function directSurveyBySegment(filter: SurveyFilter) {
  return await db.rows(sql`SELECT m.segment_id AS key, count(*) AS answers, sum(score >= 9) AS positive FROM (SELECT s.customer_id, s.score, row_number() OVER (PARTITION BY s.customer_id ORDER BY s.answered_at DESC, s.survey) AS rn
      FROM survey_answers s WHERE s.kind = 'nps' AND s.answered_at >= ${filter.from} AND s.answered_at < ${filter.to} AND ${customerFilter(sql`s.customer_id`, filter)}) a
    JOIN segment_memberships m ON m.customer_id = a.customer_id WHERE rn = 1 GROUP BY m.segment_id ORDER BY answers DESC, key`);
}

describe('figures read per filter key (migration 0030)', () => {
  for (const seed of [1, 2, 3]) {
    it(`equal the direct computation over a random history, for every segment/channel filter and range (seed ${seed})`, async () => {
      randomHistory(sqlite, seed);
      for (const range of RANGES) {
        for (const customers of FILTERS) {
          const filter = { ...range, ...customers };
          const direct = await directJourneyFigures(filter);
          const rolled = await rolledUpJourneyFigures(filter);
          expect(rolled.runs, JSON.stringify(filter)).toEqual(directRunCounts(direct.runs));
          expect(rolled.versions, JSON.stringify(filter)).toEqual(direct.versions);
          expect(rolled.journeys, JSON.stringify(filter)).toEqual(direct.journeys);
          const arms = (await experimentArmCounts(db, 'j1', 'split', filter)).filter((arm) => arm.entered !== 0).sort((a, b) => a.armId.localeCompare(b.armId));
          expect(arms, JSON.stringify(filter)).toEqual(await directArmCounts(filter));
          const survey: SurveyFilter = { kind: 'nps', survey: null, journeyId: null, ...filter };
          expect(await surveyTallyTotal(db, survey), JSON.stringify(filter)).toEqual(await directSurveyTotal(survey));
          expect((await surveyTallyBy(db, survey, 'segment')).map((row) => ({ key: row.key, answers: row.answers, positive: row.positive })), JSON.stringify(filter)).toEqual(await directSurveyBySegment(survey));
          expect((await surveyTallyByPeriod(db, survey, 'week')).reduce((sum, row) => sum + row.answers, 0)).toBeGreaterThanOrEqual((await surveyTallyTotal(db, survey)).answers);
        }
      }
    });
  }

  it('are rebuilt by the migration’s backfill exactly as the triggers built them', async () => {
    randomHistory(sqlite, 4);
    const tables = {
      journey_filtered_runs: 'SELECT filter_key, day, version_id, journey_id, status, runs FROM journey_filtered_runs WHERE runs <> 0 ORDER BY 1, 2, 3, 5',
      journey_conversion_rows: 'SELECT * FROM journey_conversion_rows ORDER BY workflow_id, filter_key',
      experiment_arm_runs: 'SELECT * FROM experiment_arm_runs ORDER BY workflow_id, node_id, arm',
      experiment_arm_days: 'SELECT * FROM experiment_arm_days WHERE entered <> 0 OR converted <> 0 ORDER BY 1, 2, 3, 4, 5',
      survey_answer_rows: 'SELECT * FROM survey_answer_rows ORDER BY customer_id, survey, filter_key',
    };
    const snapshot = async () => {
      const rows: Record<string, Record<string, unknown>[]> = {};
      for (const [table, query] of Object.entries(tables)) rows[table] = await db.prepare(query).all();
      return rows;
    };
    const built = await snapshot();
    expect((built.journey_conversion_rows ?? []).length).toBeGreaterThan(50);
    expect((built.experiment_arm_days ?? []).length).toBeGreaterThan(50);
    for (const table of Object.keys(tables)) await db.exec(`DELETE FROM ${table}`);
    const migration = readFileSync(new URL('../../migrations/0030_filtered_journey_figures.sql', import.meta.url), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) if (statement.trim().startsWith('INSERT')) await db.exec(statement);
    expect(await snapshot()).toEqual(built);
  });
});
