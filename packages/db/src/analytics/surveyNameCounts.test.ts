import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { openTestDatabase } from '../testing/testDatabase';
import { surveyAnswers } from './surveysSchema';
import { surveyNames } from './surveysQueries';

// The survey names the Surveys page offers, with their answer counts and latest answer, kept by triggers on the
// answers. On Postgres a row trigger runs after its whole statement, so a DELETE of several answers of one survey
// shows each trigger every answer already gone.

let db: Db;
beforeEach(() => {
  db = openTestDatabase(':memory:');
});
afterEach(async () => {
  await db.close();
});

async function answer(customerId: string, survey: string, answeredAt: string): Promise<void> {
  await db.insert(surveyAnswers).values({ customerId, survey, kind: 'nps', score: 9, eventId: `evt_${customerId}_${survey}`, answeredAt });
}

describe('survey names and their counts', () => {
  it('drops a survey whose every answer one statement deletes, and keeps the latest remaining answer of another', async () => {
    await answer('c1', 'onboarding', '2026-11-01T10:00:00.000Z');
    await answer('c2', 'onboarding', '2026-11-02T10:00:00.000Z');
    await answer('c3', 'onboarding', '2026-11-03T10:00:00.000Z');
    await answer('c1', 'renewal', '2026-11-04T10:00:00.000Z');
    await answer('c2', 'renewal', '2026-11-05T10:00:00.000Z');

    await db.run(db.delete(surveyAnswers).where(eq(surveyAnswers.survey, 'renewal')));
    await db.run(db.delete(surveyAnswers).where(inArray(surveyAnswers.customerId, ['c2', 'c3'])));

    expect(await surveyNames(db)).toEqual([{ survey: 'onboarding', kind: 'nps', answers: 1, lastAnsweredAt: '2026-11-01T10:00:00.000Z' }]);
  });
});
