import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { openPixelUrl, startPlatform, type Platform } from './platform';
import { publishSentinelJourney } from './sentinel';

// 2 days ≈ 3.5 s and 3 days ≈ 5.2 s of real time: the journey keeps its real durations.
const TIME_SCALE = 2e-5;

describe('the welcome journey, end to end on real processes', () => {
  let platform: Platform;
  let journeyId: string;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: TIME_SCALE });
    journeyId = await platform.client.publishWelcomeJourney();
  });
  afterAll(async () => platform?.stop());

  async function runOf(customerId: string) {
    return waitFor(async () => (await platform.client.runsOf(journeyId)).runs.find((run) => run.customerId === customerId), {
      description: `a run for ${customerId}`,
    });
  }

  it('sends the code email with a unique code to customers who open the welcome email', async () => {
    const customers = ['ada', 'grace'];
    for (const id of customers) {
      await platform.client.identify(id, { email: `${id}@example.com`, firstName: id.toUpperCase() });
      await platform.client.track(id, 'signed_up', { plan: 'free' });
    }
    const codes: string[] = [];
    for (const id of customers) {
      const welcome = await platform.waitForMail(`${id}@example.com`, /^Welcome, /);
      expect(welcome.subject).toBe(`Welcome, ${id.toUpperCase()}`);
      const run = await runOf(id);
      // Opens only count once the run waits for them, after the 2-day wait.
      await waitFor(async () => (await platform.client.run(run.workflowId)).run.currentNodeId === 'wait_open', {
        timeoutMs: 30_000,
        description: `${id} waiting for the open`,
      });
      const pixel = await fetch(openPixelUrl(welcome));
      expect(pixel.status).toBe(200);
      expect(pixel.headers.get('content-type')).toContain('image/gif');

      const codeMail = await platform.waitForMail(`${id}@example.com`, /^Your code /);
      const code = /^Your code (\S+)$/.exec(codeMail.subject)?.[1];
      expect(code).toMatch(/^WELCOME10-/);
      expect(codeMail.html).toContain(code);
      codes.push(code!);

      const detail = await waitFor(async () => {
        const current = await platform.client.run(run.workflowId);
        return current.run.status === 'completed' ? current : undefined;
      }, { description: `${id}'s run to complete` });
      const taken = detail.steps.map((step) => step.nodeId);
      expect(taken).toEqual(expect.arrayContaining(['send_welcome', 'wait_2d', 'wait_open', 'grant_offer', 'send_code', 'exit_converted']));
      expect(taken).not.toContain('send_reminder');
      expect(detail.steps.find((step) => step.nodeId === 'wait_open')?.exit).toBe('matched');
    }
    expect(new Set(codes).size).toBe(codes.length);
    for (const id of customers) {
      const subjects = (await platform.inbox(`${id}@example.com`)).map((message) => message.subject);
      expect(subjects).toEqual([`Welcome, ${id.toUpperCase()}`, expect.stringMatching(/^Your code WELCOME10-/)]);
    }
  });

  it('sends the reminder to customers who never open it, once the 3 days are up', async () => {
    await platform.client.identify('linus', { email: 'linus@example.com' });
    await platform.client.track('linus', 'signed_up');
    await platform.waitForMail('linus@example.com', /^Welcome, friend$/);
    const reminder = await platform.waitForMail('linus@example.com', /^Did you see this\?$/);
    expect(reminder.headers['list-unsubscribe']).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/u\/.+>$/);
    expect(reminder.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    const run = await runOf('linus');
    const detail = await waitFor(async () => {
      const current = await platform.client.run(run.workflowId);
      return current.run.status === 'completed' ? current : undefined;
    }, { description: "linus's run to complete" });
    expect(detail.steps.find((step) => step.nodeId === 'wait_open')?.exit).toBe('timed_out');
    // The run's page shows the message that went out, as rendered for this customer.
    const reminderDelivery = detail.deliveries.find((delivery) => delivery.nodeId === 'send_reminder');
    expect(reminderDelivery).toMatchObject({ status: 'sent', subject: 'Did you see this?' });
    expect(reminderDelivery?.html).toContain('We sent you a welcome note.');
    expect(detail.steps.map((step) => step.nodeId)).not.toContain('grant_offer');
    const subjects = (await platform.inbox('linus@example.com')).map((message) => message.subject);
    expect(subjects).toEqual(['Welcome, friend', 'Did you see this?']);
  });

  it('starts one run per customer however often the trigger repeats (re-entry: once)', async () => {
    await platform.client.identify('once', { email: 'once@example.com' });
    const passSentinel = await publishSentinelJourney(platform);
    await platform.client.track('once', 'signed_up');
    await platform.client.track('once', 'signed_up');
    await platform.waitForMail('once@example.com', /^Welcome/);
    // Both signed_up events have been through the journeys once a later event's email has arrived.
    await passSentinel('once', 'once@example.com');
    const runs = (await platform.client.runsOf(journeyId)).runs.filter((run) => run.customerId === 'once');
    expect(runs).toHaveLength(1);
    expect((await platform.inbox('once@example.com')).filter((m) => m.subject.startsWith('Welcome'))).toHaveLength(1);
  });

  it('sends a template editor test email through the worker, marked as a test and untracked', async () => {
    const template = await platform.client.createTemplate('Promo', 'Hi {{ customer.traits.firstName }}', '<p>Spring sale <a href="https://example.com/sale">shop</a></p>');
    const answer = await platform.client.call<{ to: string; subject: string }>('POST', `/api/templates/${template.id}/test-send`, {
      to: 'qa@example.com',
      traits: { firstName: 'Quinn' },
    });
    expect(answer).toMatchObject({ to: 'qa@example.com', subject: '[Test] Hi Quinn' });
    const received = await platform.waitForMail('qa@example.com', /^\[Test\] Hi Quinn$/);
    expect(received.headers['x-lifecycle-test']).toBe('true');
    expect(received.html).toContain('href="https://example.com/sale"');
  });

  it('answers 422 naming `to` at once when the SMTP server refuses the test address for good (a fuzz finding: it was a 503)', async () => {
    const template = await platform.client.createTemplate('Refused', 'Hi', '<p>Hi</p>');
    // Valid for the API (254 characters, labels of 63), refused by the SMTP server: "501 bad recipient address syntax".
    const to = `0@${'0'.repeat(63)}.${'a'.repeat(63)}.${'a'.repeat(63)}.${'a'.repeat(60)}`;
    await expect(platform.client.call('POST', `/api/templates/${template.id}/test-send`, { to })).rejects.toThrow(/→ 422 .*"error":"smtp_rejected".*"path":"to"/);
  });
});
