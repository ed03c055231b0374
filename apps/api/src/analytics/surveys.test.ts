import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeStage, claimDelivery, events, upsertCustomer } from '@lifecycle/db';
import { signSurveyToken, type SurveyClaim } from '@lifecycle/messaging';
import { onPostgres } from '@lifecycle/db/testing';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const answer = (userId: string, survey: string, kind: string, score: number, timestamp: string, extra: Record<string, unknown> = {}) => ({
  type: 'track', userId, event: 'survey_answered', properties: { survey, kind, score, ...extra }, timestamp,
});

/** Eight customers' NPS answers and five CSAT answers in January and February 2026, sent as backfilled history. */
async function ingestHistory() {
  await t.ingest('/v1/batch', { batch: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((userId) => ({ type: 'identify', userId, traits: {}, timestamp: '2025-12-01T00:00:00Z' })) });
  for (const id of ['a', 'b', 'c', 'd', 'g']) await changeStage(t.db, { customerId: id, to: 'onboarding', cause: 'test', at: '2026-01-01T00:00:00.000Z' });
  for (const id of ['e', 'f', 'h']) await changeStage(t.db, { customerId: id, to: 'retention', cause: 'test', at: '2026-01-01T00:00:00.000Z' });
  await changeStage(t.db, { customerId: 'g', to: 'retention', cause: 'test', at: '2026-02-01T00:00:00.000Z' });
  await t.ingest('/v1/batch', {
    batch: [
      answer('a', 'q1', 'nps', 10, '2026-01-10T09:00:00Z'),
      answer('b', 'q1', 'nps', 9, '2026-01-10T09:00:00Z'),
      answer('c', 'q1', 'nps', 7, '2026-01-10T09:00:00Z'),
      answer('d', 'q1', 'nps', 3, '2026-01-10T09:00:00Z'),
      answer('d', 'q1', 'nps', 9, '2026-01-20T09:00:00Z'), // d changes the answer: 9 wins
      answer('e', 'q1', 'nps', 2, '2026-02-05T09:00:00Z', { journeyId: 'jr-1' }),
      answer('f', 'q1', 'nps', 5, '2026-02-05T09:00:00Z', { journeyId: 'jr-1' }),
      answer('g', 'q1', 'nps', 10, '2026-02-05T09:00:00Z'),
      answer('h', 'q1', 'nps', 8, '2026-02-03T09:00:00Z'),
      answer('h', 'pulse', 'nps', 0, '2026-02-10T09:00:00Z'), // h's latest answer in February
      answer('a', 'onboarding', 'csat', 5, '2026-01-11T09:00:00Z'),
      answer('b', 'onboarding', 'csat', 4, '2026-01-11T09:00:00Z'),
      answer('c', 'onboarding', 'csat', 3, '2026-01-11T09:00:00Z'),
      answer('d', 'onboarding', 'csat', 1, '2026-01-11T09:00:00Z'),
      answer('e', 'onboarding', 'csat', 2, '2026-01-11T09:00:00Z'),
      answer('e', 'onboarding', 'csat', 4, '2026-01-12T09:00:00Z'), // e changes 2 → 4
      answer('x', 'q1', 'nps', 11, '2026-01-10T09:00:00Z'), // off the scale: stored as an event, not an answer
    ],
  });
  // History arriving late: d's older answer (January 5) does not replace the newer one.
  await t.ingest('/v1/track', answer('d', 'q1', 'nps', 0, '2026-01-05T09:00:00Z'));
}

const range = 'from=2026-01-01&to=2026-02-28&interval=month';

describe('survey analytics', () => {
  it('computes NPS per month and over the range from each customer’s latest answer, by hand', async () => {
    await ingestHistory();
    const scores = await t.send('GET', `/api/analytics/surveys/scores?kind=nps&${range}`);
    expect(scores.status).toBe(200);
    // January: a 10, b 9, c 7, d 9 (changed from 3; the late 0 is older) → 3 promoters, 1 passive, 0 detractors of 4: (3 − 0) / 4 = 75.
    // February: e 2, f 5, g 10, h 0 (pulse, later than h's 8 on q1) → 1 promoter, 3 detractors of 4: (1 − 3) / 4 = −50.
    expect(scores.body.periods).toEqual([
      { period: '2026-01-01', answers: 4, positive: 3, neutral: 1, negative: 0, score: 75 },
      { period: '2026-02-01', answers: 4, positive: 1, neutral: 0, negative: 3, score: -50 },
    ]);
    // Whole range, one latest answer per customer: a 10, b 9, c 7, d 9, e 2, f 5, g 10, h 0 → (4 − 3) / 8 = 12.5.
    expect(scores.body.total).toEqual({ answers: 8, positive: 4, neutral: 1, negative: 3, score: 12.5 });

    // Only survey q1 in February: e 2, f 5, g 10, h 8 → (1 − 2) / 4 = −25.
    const q1 = await t.send('GET', `/api/analytics/surveys/scores?kind=nps&survey=q1&from=2026-02-01&to=2026-02-28&interval=month`);
    expect(q1.body.periods).toEqual([{ period: '2026-02-01', answers: 4, positive: 1, neutral: 1, negative: 2, score: -25 }]);

    const csv = await t.send('GET', `/api/analytics/surveys/scores.csv?kind=nps&${range}`);
    expect(csv.text).toBe('period,answers,positive,neutral,negative,score\r\n2026-01-01,4,3,1,0,75\r\n2026-02-01,4,1,0,3,-50\r\n');
  });

  it('computes CSAT as the share of 4–5 among each customer’s latest answer', async () => {
    await ingestHistory();
    const scores = await t.send('GET', `/api/analytics/surveys/scores?kind=csat&${range}`);
    // a 5, b 4, c 3, d 1, e 4 (changed from 2) → 3 satisfied of 5 = 60 %.
    expect(scores.body.total).toEqual({ answers: 5, positive: 3, neutral: 1, negative: 1, score: 60 });
  });

  it('breaks NPS down by the stage when answering and by journey', async () => {
    await ingestHistory();
    const byStage = await t.send('GET', `/api/analytics/surveys/breakdown?kind=nps&by=stage&${range}`);
    // onboarding: a 10, b 9, c 7, d 9 → (3 − 0) / 4 = 75. retention: e 2, f 5, g 10 (retention since Feb 1), h 0 → (1 − 3) / 4 = −50.
    expect(byStage.body.rows).toEqual([
      { key: 'onboarding', label: 'onboarding', answers: 4, positive: 3, neutral: 1, negative: 0, score: 75 },
      { key: 'retention', label: 'retention', answers: 4, positive: 1, neutral: 0, negative: 3, score: -50 },
    ]);
    const byJourney = await t.send('GET', `/api/analytics/surveys/breakdown?kind=nps&by=journey&${range}`);
    // no journey: a 10, b 9, c 7, d 9, g 10, h 0 → (4 − 1) / 6 = 50. jr-1: e 2, f 5 → (0 − 2) / 2 = −100.
    expect(byJourney.body.rows).toEqual([
      { key: null, label: null, answers: 6, positive: 4, neutral: 1, negative: 1, score: 50 },
      { key: 'jr-1', label: null, answers: 2, positive: 0, neutral: 0, negative: 2, score: -100 },
    ]);
  });

  it('breaks NPS down by segment and filters by segment', async () => {
    const segment = await t.send('POST', '/api/segments', { name: 'Pro', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } });
    expect(segment.status).toBe(201);
    await ingestHistory();
    await t.ingest('/v1/batch', { batch: ['a', 'e'].map((userId) => ({ type: 'identify', userId, traits: { plan: 'pro' }, timestamp: '2026-03-01T00:00:00Z' })) });
    // Pro = a (10) and e (2): 1 promoter, 1 detractor of 2 → (1 − 1) / 2 = 0.
    const pro = { key: segment.body.id, label: 'Pro', answers: 2, positive: 1, neutral: 0, negative: 1, score: 0 };
    expect((await t.send('GET', `/api/analytics/surveys/breakdown?kind=nps&by=segment&${range}`)).body.rows).toEqual([pro]);
    const filtered = await t.send('GET', `/api/analytics/surveys/scores?kind=nps&segment=${segment.body.id}&${range}`);
    expect(filtered.body.total).toEqual({ answers: 2, positive: 1, neutral: 0, negative: 1, score: 0 });
  });

  it('lists the latest answers with comments, and the surveys answered', async () => {
    await ingestHistory();
    await t.ingest('/v1/track', answer('c', 'q1', 'nps', 7, '2026-01-10T09:00:00Z', { comment: '  Fine, <i>mostly</i>  ' }));
    const list = await t.send('GET', `/api/analytics/surveys/answers?kind=nps&comments=true&${range}`);
    expect(list.body.answers).toEqual([expect.objectContaining({ customerId: 'c', survey: 'q1', score: 7, comment: 'Fine, <i>mostly</i>', stage: 'onboarding' })]);
    const names = await t.send('GET', '/api/analytics/surveys/names');
    expect(names.body.surveys.map((s: { survey: string; kind: string; answers: number }) => [s.survey, s.kind, s.answers])).toEqual([
      ['pulse', 'nps', 1],
      ['q1', 'nps', 8],
      ['onboarding', 'csat', 5],
    ]);
  });

  // SQLite's migration text (0014's backfill): a Postgres install starts with every migration applied.
  it.skipIf(onPostgres())('are backfilled by the migration from the survey_answered events already stored', async () => {
    await ingestHistory();
    await t.countAnalytics();
    const rows = () => t.db.prepare('SELECT customer_id, survey, kind, score, answered_at FROM survey_answers ORDER BY customer_id, survey').all();
    const kept = await rows();
    expect(kept).toHaveLength(14); // q1: a–h = 8, pulse: h = 1, onboarding: a–e = 5 (x's 11 is off the scale)
    await t.db.exec('DELETE FROM survey_answers');
    const migration = readFileSync(new URL('../../../../packages/db/migrations/0014_survey_answers.sql', import.meta.url), 'utf8');
    await t.db.exec(migration.split('--> statement-breakpoint').at(-1)!);
    expect(await rows()).toEqual(kept);
  });

  it('refuses a bad kind or survey name with 400 naming the field', async () => {
    const bad = await t.send('GET', '/api/analytics/surveys/scores?kind=ces&survey=a%20b');
    expect(bad.status).toBe(400);
    expect((bad.body.issues as { path: string }[]).map((issue) => issue.path)).toEqual(expect.arrayContaining(['kind', 'survey']));
  });
});

describe('survey links', () => {
  beforeEach(async () => {
    await upsertCustomer(t.db, 'u1', { email: 'ada@example.com' });
    await claimDelivery(t.db, { id: 'd1', idempotencyKey: 'k1', workflowId: 'journey/j/u1/once', nodeId: 'send', journeyId: 'j', customerId: 'u1', templateId: 'tpl', messageId: '<d1@x>' });
  });
  const link = (claim: Omit<SurveyClaim, 'deliveryId'>, deliveryId = 'd1') => `/s/${signSurveyToken(t.config.trackingSecret, { ...claim, deliveryId })}`;
  const answers = async () => (await t.db.select().from(events)).filter((event) => event.name === 'survey_answered');

  it('records a click as an event, lets a second click change the answer, and keeps an escaped comment', async () => {
    const first = await t.sendAs('GET', link({ survey: 'q4', kind: 'nps', score: 3 }));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/html');
    expect(first.text).toContain('<form method="post"');
    expect(first.text).not.toContain('<script');
    const second = await t.sendAs('GET', link({ survey: 'q4', kind: 'nps', score: 9 }));
    expect(second.status).toBe(200);
    expect((await answers()).map((event) => event.properties)).toEqual([
      expect.objectContaining({ survey: 'q4', kind: 'nps', score: 3, deliveryId: 'd1', journeyId: 'j' }),
      expect.objectContaining({ survey: 'q4', kind: 'nps', score: 9, deliveryId: 'd1', journeyId: 'j' }),
    ]);

    const comment = await t.sendAs('POST', link({ survey: 'q4', kind: 'nps', score: 9 }), 'comment=%3Cscript%3Ealert(1)%3C%2Fscript%3E+great', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(comment.status).toBe(200);
    expect(comment.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; great');
    expect(comment.text).not.toContain('<script>');
    // The comment joins the answer just clicked (counted first if it still waited): no third answer, no journey started twice.
    expect(await answers()).toHaveLength(2);
    expect((await t.sendAs('GET', link({ survey: 'q4', kind: 'nps', score: 9 }))).text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; great');
    const tooLong = await t.sendAs('POST', link({ survey: 'q4', kind: 'nps', score: 9 }), `comment=${'x'.repeat(2001)}`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('comment:');

    const profile = await t.send('GET', '/api/customers/u1/surveys');
    expect(profile.status).toBe(200);
    expect(profile.body.answers).toEqual([expect.objectContaining({ survey: 'q4', kind: 'nps', score: 9, comment: '<script>alert(1)</script> great', deliveryId: 'd1', journeyId: 'j' })]);
    expect((await t.send('GET', '/api/customers/nobody/surveys')).status).toBe(404);
  });

  it('renders the survey in previews and test sends with links that record nothing', async () => {
    const preview = await t.send('POST', '/api/templates/preview', { template: { subject: 'NPS', html: "{% survey 'nps' 'q4' %}" }, traits: {} });
    expect(preview.status).toBe(200);
    expect(preview.body.html).toContain('href="#survey-preview-nps-q4-10"');
    expect(preview.body.html).not.toContain('/s/');
    expect(preview.body.text).toContain('0 1 2 3 4 5 6 7 8 9 10');
    const bad = await t.send('POST', '/api/templates', { name: 'Bad', subject: 'x', html: "{% survey 'nps' 'no spaces please' %}" });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^html: .*survey's name/);
  });

  it('refuses a tampered score, a forged delivery and a token signed with another secret with 404, recording nothing', async () => {
    const good = link({ survey: 'q4', kind: 'nps', score: 3 }).slice('/s/'.length);
    const [body, signature] = good.split('.') as [string, string];
    const claim = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = (change: Record<string, unknown>) => `/s/${Buffer.from(JSON.stringify({ ...claim, ...change })).toString('base64url')}.${signature}`;
    await upsertCustomer(t.db, 'u2', { email: 'bob@example.com' });
    await claimDelivery(t.db, { id: 'd2', idempotencyKey: 'k2', workflowId: 'journey/j/u2/once', nodeId: 'send', journeyId: 'j', customerId: 'u2', templateId: 'tpl', messageId: '<d2@x>' });
    for (const path of [forged({ score: 10 }), forged({ deliveryId: 'd2' }), `/s/${signSurveyToken('another-secret-0123456789', { survey: 'q4', kind: 'nps', score: 3, deliveryId: 'd1' })}`, link({ survey: 'q4', kind: 'nps', score: 3 }, 'missing')]) {
      expect((await t.sendAs('GET', path)).status).toBe(404);
      expect((await t.sendAs('POST', path, 'comment=hi', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(404);
    }
    expect(await answers()).toEqual([]);
  });

  it('starts a recovery journey for a detractor (score <= 6) and not for a promoter', async () => {
    await upsertCustomer(t.db, 'u2', { email: 'bob@example.com' });
    await claimDelivery(t.db, { id: 'd2', idempotencyKey: 'k2', workflowId: 'journey/j/u2/once', nodeId: 'send', journeyId: 'j', customerId: 'u2', templateId: 'tpl', messageId: '<d2@x>' });
    const template = await t.send('POST', '/api/templates', { name: 'Sorry', subject: 'Sorry', html: '<p>Can we help?</p>' });
    const detractor = { match: 'all', conditions: [{ source: 'event', path: 'score', op: 'lte', value: 6 }] };
    const draft = {
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'survey_answered', conditions: detractor, reentry: { policy: 'once' } },
        { id: 'send', type: 'send_email', templateId: template.body.id },
        { id: 'done', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
        { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
      ],
    };
    const journey = await t.send('POST', '/api/journeys', { name: 'Detractor recovery', draft });
    expect((await t.send('POST', `/api/journeys/${journey.body.id}/publish`)).status).toBe(201);

    await t.sendAs('GET', link({ survey: 'q4', kind: 'nps', score: 4 }));
    await t.sendAs('GET', link({ survey: 'q4', kind: 'nps', score: 10 }, 'd2'));
    await t.dispatcher.idle();
    expect(t.temporal.started.map((run) => run.input.customerId)).toEqual(['u1']);
    expect(t.temporal.started[0]?.input.triggerEvent).toMatchObject({ name: 'survey_answered', properties: { survey: 'q4', kind: 'nps', score: 4 } });
  });
});
