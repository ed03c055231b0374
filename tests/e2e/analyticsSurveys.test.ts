import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaughtMessage } from '../support/processes';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const artifacts = join(process.cwd(), 'test-results');

/** `event` → send the template → exit; `conditions` on the trigger event. */
function oneEmailJourney(event: string, templateId: string, conditions?: object) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event, reentry: { policy: 'once' }, ...(conditions ? { conditions } : {}) },
      { id: 'send', type: 'send_email', templateId },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
}

/** The score link of `score` in a sent email's HTML. */
function scoreLink(message: CaughtMessage, score: number): string {
  const match = new RegExp(`<a href="([^"]+/s/[^"]+)"[^>]*>${score}</a>`).exec(message.html ?? '');
  if (!match?.[1]) throw new Error(`no survey link for ${score} in "${message.subject}"`);
  return match[1];
}

describe('NPS survey in a sent email, end to end in a real browser', () => {
  let platform: Platform;
  let browser: Browser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1e-3 });
    const { client } = platform;
    const survey = await client.createTemplate('NPS', 'How are we doing?', "<p>Hi!</p>{% survey 'nps' 'q4-2026' %}");
    const sorry = await client.createTemplate('Sorry', 'Sorry to hear that', '<p>What can we do better?</p>');
    for (const [name, draft] of [
      ['Ask NPS', oneEmailJourney('order_delivered', survey.id)],
      ['Detractor recovery', oneEmailJourney('survey_answered', sorry.id, { match: 'all', conditions: [{ source: 'event', path: 'score', op: 'lte', value: 6 }] })],
    ] as const) {
      const journey = await client.call<{ id: string }>('POST', '/api/journeys', { name, draft });
      await client.call('POST', `/api/journeys/${journey.id}/publish`);
    }
    ({ browser, page } = await launchBrowser());
  });
  afterAll(async () => {
    if (page) {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'analytics-surveys-last.png'), fullPage: true }).catch(() => undefined);
    }
    await browser?.close();
    await platform?.stop();
  });

  async function surveyEmailOf(userId: string): Promise<CaughtMessage> {
    await platform.client.identify(userId, { email: `${userId}@example.com` });
    await platform.client.track(userId, 'order_delivered');
    return platform.waitForMail(`${userId}@example.com`, /^How are we doing\?$/);
  }

  it('records a click, changes it on a second click, takes a comment, starts the recovery journey, and shows NPS and the answer', async () => {
    const ada = await surveyEmailOf('ada');
    expect(ada.text).toMatch(/10\s+\(http[^)]+\/s\//); // the text part carries the links too
    const bob = await surveyEmailOf('bob');
    const cy = await surveyEmailOf('cy');
    const p = page!;

    // Ada first clicks 9, then changes her mind to 3 (a detractor) and leaves a comment.
    await p.goto(scoreLink(ada, 9));
    await expect.poll(() => p.getByTestId('survey-score').textContent(), shown).toBe('9');
    await p.goto(scoreLink(ada, 3));
    await expect.poll(() => p.getByTestId('survey-score').textContent(), shown).toBe('3');
    await p.getByLabel(/Anything you would like to add/).fill('Delivery was <b>late</b>');
    await p.getByRole('button', { name: 'Send comment' }).click();
    await expect.poll(() => p.getByTestId('survey-comment').textContent(), shown).toBe('Delivery was <b>late</b>');
    await p.goto(scoreLink(bob, 10));
    await expect.poll(() => p.getByTestId('survey-score').textContent(), shown).toBe('10');
    await p.goto(scoreLink(cy, 9));
    await expect.poll(() => p.getByTestId('survey-score').textContent(), shown).toBe('9');

    // The detractor answer started the recovery journey through Temporal: its email arrives; promoters get none.
    await platform.waitForMail('ada@example.com', /^Sorry to hear that$/, 90_000);
    expect((await platform.inbox('bob@example.com')).map((message) => message.subject)).toEqual(['How are we doing?']);

    // Latest answers: ada 3, bob 10, cy 9 → promoters 2, detractors 1 of 3: (2 − 1) / 3 = +33.3.
    await signIn(p, platform.api.url, E2E_ADMIN);
    await p.goto(`${platform.api.url}/#/analytics/surveys`);
    await expect.poll(() => p.getByTestId('survey-score').textContent(), shown).toBe('+33.3');
    await expect.poll(() => p.getByTestId('survey-answers').textContent(), shown).toBe('3');
    await expect.poll(() => p.getByRole('table', { name: 'Latest answers and comments' }).textContent(), shown).toContain('Delivery was <b>late</b>');

    await p.goto(`${platform.api.url}/#/customers/ada`);
    const row = p.getByTestId('survey-answer-q4-2026');
    await expect.poll(() => row.textContent(), shown).toContain('Delivery was <b>late</b>');
    expect(await row.locator('td').nth(2).textContent()).toBe('3');
  });
});
