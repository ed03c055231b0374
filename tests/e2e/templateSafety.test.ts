import { TEMPLATE_VARIABLES } from '@lifecycle/messaging/templateVariables';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { launchBrowser, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

type RunDetail = { deliveries: { status: string; error: string | null }[] };

// Issue 10: a template whose cost is set by the customer's data. It renders at once on the sample data checked at
// save, and explodes for a customer whose `n` is 20000. In every field, so that on one thread it held the worker's
// event loop for seconds at a time.
const explosive = '{% for i in (1..customer.n) %}{% for j in (1..customer.n) %}x{% endfor %}{% endfor %}';
const badCustomers = Array.from({ length: 10 }, (_, i) => `explode-${i}`);
const goodCustomer = 'calm-grace';

describe('templates: explosive ones fail alone, emails are multipart, the editor documents the variables', () => {
  let platform: Platform;
  let journeyId: string;
  let templateId: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const template = await platform.client.call<{ id: string }>('POST', '/api/templates', {
      name: 'Explosive',
      subject: `Hello {{ customer.first_name }}${explosive}`,
      html: `<p>Hello {{ customer.first_name }}, welcome aboard.</p><p><a href="https://example.com/start">Start here</a></p>${explosive}`,
      text: null,
    });
    templateId = template.id;
    const draft = {
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'explosive_signup', reentry: { policy: 'once' } },
        { id: 'send', type: 'send_email', templateId: template.id },
        { id: 'done', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
        { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
      ],
    };
    journeyId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Explosive', draft })).id;
    await platform.client.call('POST', `/api/journeys/${journeyId}/publish`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("sends the normal run's email, fails the bad ones as template_timeout, and the worker's /health answers throughout", async () => {
    for (const id of badCustomers) await platform.client.identify(id, { email: `${id}@example.com`, first_name: 'Boom', n: 20_000 });
    await platform.client.identify(goodCustomer, { email: `${goodCustomer}@example.com`, first_name: 'Grace' });

    // Poll the worker's /health the whole time, with the API dashboard's own probe limit (2 s).
    const answers: string[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const answer = await fetch(platform.worker.healthUrl, { signal: AbortSignal.timeout(2_000) }).then(
          (response) => String(response.status),
          (error: Error) => `no answer: ${error.message}`,
        );
        answers.push(answer);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    try {
      for (const id of badCustomers) await platform.client.track(id, 'explosive_signup');
      await platform.client.track(goodCustomer, 'explosive_signup');

      const mail = await platform.waitForMail(`${goodCustomer}@example.com`, /^Hello Grace$/, 120_000);
      const failed = await waitFor(
        async () => {
          const { runs } = await platform.client.runsOf(journeyId);
          const bad = runs.filter((run) => badCustomers.includes(run.customerId));
          const details = await Promise.all(bad.map((run) => platform.client.call<RunDetail>('GET', `/api/runs/${encodeURIComponent(run.workflowId)}`)));
          const deliveries = details.flatMap((detail) => detail.deliveries);
          return deliveries.length === badCustomers.length && deliveries.every((delivery) => delivery.status === 'failed') ? deliveries : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 500, description: 'every bad run to record its failed send' },
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${platform.logs()}`);
      });
      polling = false;
      await poller;

      expect(answers.length).toBeGreaterThan(5);
      expect(answers.filter((answer) => answer !== '200')).toEqual([]);
      for (const delivery of failed) expect(delivery.error).toMatch(/^template_timeout: /);

      // The email that did go out is multipart/alternative: the HTML, and a text part with its words and its link.
      expect(mail.headers['content-type']).toMatch(/^multipart\/alternative/);
      expect(mail.text).toContain('Hello Grace, welcome aboard.');
      const link = /Start here\s+\((http:\/\/[^)\s]+\/t\/c\/[^)\s]+)\)/.exec(mail.text ?? '')?.[1];
      expect(link).toBeDefined();
      // The text part's link goes through click tracking and lands where the HTML's does.
      const click = await fetch(link ?? '', { redirect: 'manual' });
      expect(click.status).toBe(302);
      expect(click.headers.get('location')).toBe('https://example.com/start');
      const inbox = await platform.messages();
      expect(inbox.filter((message) => badCustomers.some((id) => message.to.includes(`${id}@example.com`)))).toEqual([]);
    } finally {
      polling = false;
      await poller;
    }
  });

  it('the template editor lists every template variable, previews the text part and refuses a file tag naming the field', async () => {
    const launched = await launchBrowser();
    browser = launched.browser;
    const { page } = launched;
    await signIn(page, platform.api.url, E2E_ADMIN);
    await page.goto(`${platform.api.url}/#/templates/${templateId}`);
    await page.getByLabel('Subject').waitFor();

    await page.getByText('Variables you can use').click();
    const listed = await page.getByLabel('Template variables').locator('dt').allTextContents();
    expect(listed).toEqual(TEMPLATE_VARIABLES.map((variable) => variable.path));

    // The preview shows the text part made from the HTML, link kept.
    await page.getByLabel('HTML (Liquid)').fill('<p>Hi {{ customer.first_name }}, <a href="https://example.com/start">Start here</a></p>');
    await page.getByLabel('Text part').filter({ hasText: 'Start here (https://example.com/start)' }).waitFor();

    await page.getByLabel('HTML (Liquid)').fill("<pre>{% include 'package.json' %}</pre>");
    // The refusal shows once, beside the HTML field it concerns.
    const refused = await page.locator('#template-html-error').textContent();
    expect(refused).toMatch(/\{% include %\} is not allowed: templates cannot read files/);
    expect(await page.getByLabel('HTML (Liquid)').getAttribute('aria-invalid')).toBe('true');
    expect(refused).not.toContain('devDependencies');
  });
});
