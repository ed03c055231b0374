import { customers, deliveries, getCustomer, insertTemplate, offerCodes, runs, runSteps, upsertCustomer } from '@lifecycle/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyWorkflowBundle } from '../../../../tests/support/workflowBundle';
import { testApp, type TestApp } from '../testing/testApp';
import { BUYER_SCRIPT, TRIAL_TEMPLATES, trialJourney } from './simulationFixtures';
import { useSimulationBundle } from './simulationRuntime';

let t: TestApp;
let templates: { welcome: string; thanks: string };

beforeAll(async () => {
  useSimulationBundle(journeyWorkflowBundle());
  t = testApp();
  const welcome = await t.send('POST', '/api/templates', TRIAL_TEMPLATES.welcome);
  const thanks = await t.send('POST', '/api/templates', TRIAL_TEMPLATES.thanks);
  templates = { welcome: welcome.body.id, thanks: thanks.body.id };
});
afterAll(async () => {
  await t.close();
});

async function journeyWith(draft: object): Promise<string> {
  const created = await t.send('POST', '/api/journeys', { name: 'Trial', draft });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** How many rows the tables a real run writes hold. */
async function rowCounts() {
  return { runs: await t.db.$count(runs), steps: await t.db.$count(runSteps), deliveries: await t.db.$count(deliveries), codes: await t.db.$count(offerCodes), customers: await t.db.$count(customers) };
}

describe('POST /api/journeys/:id/simulate', () => {
  it('runs the draft for sample traits with the script: the whole path with its reasons and the rendered emails, writing nothing', async () => {
    const journeyId = await journeyWith(trialJourney(templates));
    const before = await rowCounts();
    expect(typeof before.runs).toBe('number');
    const answer = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { customer: { traits: { plan: 'pro', first_name: 'Ada' } }, script: BUYER_SCRIPT });
    expect(answer.status, answer.text).toBe(200);
    const result = answer.body;
    expect(result.status).toBe('completed');
    expect(result.path.map((step: { nodeId: string; exit: string | null }) => [step.nodeId, step.exit])).toEqual([
      ['trigger', 'next'],
      ['is_pro', 'pro'],
      ['send_welcome', 'next'],
      ['wait_open', 'matched'],
      ['wait_buy', 'matched'],
      ['upgrade', 'next'],
      ['send_thanks', 'next'],
      ['exit_bought', null],
    ]);
    const split = result.path[1];
    expect(split.name).toBe('Pro plan?');
    expect(JSON.stringify(split.detail)).toContain('"pro"'); // the value the rule saw
    // The open came 1 hour after entry, the purchase 2 hours after: virtual times (the real moments spent working
    // on the steps are added to them, so they are read to the minute).
    const entered = Date.parse(result.path[0].enteredAt);
    expect(Math.floor((Date.parse(result.path[3].leftAt) - entered) / 60_000)).toBe(60);
    expect(Math.floor((Date.parse(result.path[4].leftAt) - entered) / 60_000)).toBe(120);
    expect(result.emails.map((email: { nodeId: string; subject: string }) => [email.nodeId, email.subject])).toEqual([
      ['send_welcome', 'Welcome, Ada'],
      ['send_thanks', 'Thanks for buying, Ada'],
    ]);
    expect(result.emails[0].html).toContain('<h1>Hello Ada</h1>');
    expect(result.emails[0].text).toContain('Your pro trial has begun.'); // the text part, generated from the HTML as a send does
    expect(result.emails[1].html).toContain('You are now on buyer'); // the simulated update, read by the next email
    expect(result.problems).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers a history split from the stored history of a real customer and from the script', async () => {
    await upsertCustomer(t.db, 'cust-history', { email: 'h@example.com' });
    await t.ingest('/v1/track', { userId: 'cust-history', event: 'purchase', properties: { amount: 150 } });
    const journeyId = await journeyWith({
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'signed_up' },
        { id: 'wait', type: 'wait', duration: { amount: 2, unit: 'days' } },
        {
          id: 'bought',
          type: 'condition_split',
          branches: [{ id: 'twice', condition: { match: 'all', conditions: [{ kind: 'event', event: 'purchase', op: 'count', count: { op: 'gte', value: 2 }, within: { amount: 30, unit: 'days' } }] } }],
        },
        { id: 'exit_twice', type: 'exit' },
        { id: 'exit_else', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'wait' },
        { id: 'e2', source: 'wait', sourceExit: 'next', target: 'bought' },
        { id: 'e3', source: 'bought', sourceExit: 'twice', target: 'exit_twice' },
        { id: 'e4', source: 'bought', sourceExit: 'else', target: 'exit_else' },
      ],
    });
    const pathOf = async (customer: object, script: object[]) => {
      const answer = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { customer, script });
      expect(answer.status, answer.text).toBe(200);
      return { exits: answer.body.path.map((step: { nodeId: string }) => step.nodeId), reason: JSON.stringify(answer.body.path[2]?.outcome) };
    };
    const buyOnDayOne = [{ at: { amount: 1, unit: 'days' }, event: 'purchase', properties: { amount: 40 } }];
    // One stored purchase + one scripted: twice. The stored one alone, or a sample with the scripted one alone: not.
    expect((await pathOf({ id: 'cust-history' }, buyOnDayOne)).exits).toContain('exit_twice');
    expect((await pathOf({ id: 'cust-history' }, [])).exits).toContain('exit_else');
    const sample = await pathOf({ traits: {} }, buyOnDayOne);
    expect(sample.exits).toContain('exit_else');
    expect(sample.reason).toContain('purchase');
    expect(sample.reason).toContain('1 time');
  });

  it('reads a stored customer without changing them, and takes the branches their traits choose', async () => {
    await upsertCustomer(t.db, 'cust-basic', { email: 'basic@example.com', plan: 'basic', first_name: 'Bo' });
    await upsertCustomer(t.db, 'cust-pro', { email: 'pro@example.com', plan: 'pro', first_name: 'Pia' });
    const journeyId = await journeyWith(trialJourney(templates));
    const basic = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { customer: { id: 'cust-basic' }, script: [] });
    expect(basic.body.path.map((step: { nodeId: string }) => step.nodeId)).toEqual(['trigger', 'is_pro', 'exit_not_pro']);
    const pro = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { customer: { id: 'cust-pro' }, script: [] });
    expect(pro.body.path.map((step: { nodeId: string; exit: string | null }) => `${step.nodeId}:${step.exit}`)).toEqual(['trigger:next', 'is_pro:pro', 'send_welcome:next', 'wait_open:timed_out', 'exit_no_open:null']);
    expect(pro.body.emails[0]).toMatchObject({ to: 'pro@example.com', subject: 'Welcome, Pia' });
    expect((await getCustomer(t.db, 'cust-pro'))?.traits).toEqual({ email: 'pro@example.com', plan: 'pro', first_name: 'Pia' });
  });

  it('simulates a 30-day journey with events a month apart', async () => {
    const journeyId = await journeyWith(trialJourney(templates, { waitDays: 30 }));
    const script = [
      { at: { amount: 3, unit: 'days' }, opens: 'send_welcome' },
      { at: { amount: 722, unit: 'hours' }, event: 'purchased', properties: { revenue: 40 } },
    ];
    const answer = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { customer: { traits: { plan: 'pro', first_name: 'Ada' } }, script });
    expect(answer.body.status).toBe('completed');
    const steps = answer.body.path as { nodeId: string; exit: string | null; enteredAt: string; leftAt: string }[];
    expect(steps.map((step) => step.nodeId)).toContain('exit_bought');
    const wait = steps.find((step) => step.nodeId === 'wait_long');
    expect(Math.floor((Date.parse(wait?.leftAt ?? '') - Date.parse(wait?.enteredAt ?? '')) / 60_000)).toBe(30 * 24 * 60);
  });

  it('reports a template that does not render on the node that sends it', async () => {
    const broken = await insertTemplate(t.db, 'tpl-broken', { name: 'Broken', subject: 'Hi {{ customer.first_name | append }}', html: '<p>x</p>', text: null });
    const journeyId = await journeyWith(trialJourney({ welcome: broken.id, thanks: templates.thanks }));
    const answer = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { customer: { traits: { plan: 'pro' } }, script: [] });
    expect(answer.status).toBe(200);
    expect(answer.body.problems).toEqual([{ nodeId: 'send_welcome', message: expect.stringContaining('template "Broken" does not render') }]);
    expect(answer.body.path.find((step: { nodeId: string }) => step.nodeId === 'send_welcome')).toMatchObject({ failed: true });
  });

  it('answers an invalid draft with its problems on their nodes, without running it', async () => {
    const draft = trialJourney(templates);
    const journeyId = await journeyWith({ ...draft, edges: draft.edges.filter((edge) => edge.source !== 'wait_buy') });
    const answer = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { customer: { traits: {} } });
    expect(answer.body.status).toBe('invalid');
    expect(answer.body.problems.some((problem: { nodeId: string | null }) => problem.nodeId === 'wait_buy')).toBe(true);
  });

  it('stops a journey that loops, naming where', async () => {
    const loop = {
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'trial_started', reentry: { policy: 'always' } },
        { id: 'tick', type: 'wait', duration: { amount: 1, unit: 'minutes' } },
        { id: 'tock', type: 'wait', duration: { amount: 1, unit: 'minutes' } },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'tick' },
        { id: 'e2', source: 'tick', sourceExit: 'next', target: 'tock' },
        { id: 'e3', source: 'tock', sourceExit: 'next', target: 'tick' },
      ],
    };
    const answer = await t.send('POST', `/api/journeys/${await journeyWith(loop)}/simulate`, { customer: { traits: {} } });
    expect(answer.body.status).toBe('step_limit');
    expect(answer.body.problems[0].message).toContain('it loops');
    expect((await rowCounts()).runs).toBe(0);
  });

  it('reports a run still waiting after the 400 simulated days', async () => {
    const longWait = {
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'trial_started', reentry: { policy: 'always' } },
        { id: 'decade', type: 'wait', label: 'Ten years', duration: { amount: 3650, unit: 'days' } },
        { id: 'done', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'decade' },
        { id: 'e2', source: 'decade', sourceExit: 'next', target: 'done' },
      ],
    };
    const answer = await t.send('POST', `/api/journeys/${await journeyWith(longWait)}/simulate`, { customer: { traits: {} } });
    expect(answer.body.status).toBe('still_waiting');
    expect(answer.body.path.at(-1)).toMatchObject({ nodeId: 'decade', leftAt: null });
  });

  it('refuses hostile input with a 4xx naming the field', async () => {
    const journeyId = await journeyWith(trialJourney(templates));
    const far = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { customer: { traits: {} }, script: [{ at: { amount: 1e12, unit: 'weeks' }, event: 'x' }] });
    expect(far.status).toBe(400);
    expect(far.body.issues[0].path).toBe('script[0].at');
    const many = Array.from({ length: 10_000 }, () => ({ at: { amount: 1, unit: 'hours' }, event: 'x' }));
    const flood = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { customer: { traits: {} }, script: many });
    expect(flood.status).toBe(400);
    expect(flood.body.issues[0].path).toBe('script');
    const ghost = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { customer: { id: 'nobody' } });
    expect(ghost.status).toBe(404);
    expect(ghost.body.issues[0].path).toBe('customer.id');
    const noVersion = await t.send('POST', `/api/journeys/${journeyId}/simulate`, { version: 'nope', customer: { traits: {} } });
    expect(noVersion.status).toBe(404);
  });
});
