import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

type SendNode = { topicId?: string; transactional?: boolean };

/** trigger `event` (every time) → send the template → exit. */
function sendJourney(event: string, templateId: string, send: SendNode = {}) {
  return {
    nodes: [
      { id: 'start', type: 'trigger', label: `On ${event}`, event, reentry: { policy: 'always' } },
      { id: 'send', type: 'send_email', label: 'Send', templateId, ...send },
      { id: 'done', type: 'exit', label: 'Done' },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
}

/** The preference link of a caught email (the footer every sent email carries). */
function preferenceLink(html: string | null): string {
  const match = /href="([^"]+\/p\/[^"]+)"/.exec(html ?? '');
  if (!match?.[1]) throw new Error('no preference link in the email');
  return match[1].replaceAll('&amp;', '&');
}

describe('subscription topics and the preference page, on real processes', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let console: { errors: string[] };
  const topic: Record<'news' | 'product', string> = { news: '', product: '' };
  const journey: Record<'news' | 'product' | 'receipt', string> = { news: '', product: '', receipt: '' };
  let newsTemplate = '';

  const expectAccessible = async () => expect(await seriousA11yViolations(page)).toEqual([]);
  const mailsTo = async (subject: RegExp) => (await platform.inbox('ada@example.com')).filter((message) => subject.test(message.subject));
  /** The send step outcomes of a journey's finished runs for ada, in alphabetical order. */
  async function sendOutcomes(journeyId: string): Promise<(string | null)[]> {
    const { runs } = await platform.client.runsOf(journeyId);
    const outcomes = await Promise.all(runs.filter((run) => run.status !== 'running').map(async (run) => (await platform.client.run(run.workflowId)).steps.find((step) => step.nodeId === 'send')?.outcome ?? null));
    return outcomes.sort();
  }
  async function subscriptionEvents(): Promise<string[]> {
    const page = await platform.client.call<{ events: { name: string | null; properties: Record<string, unknown> }[] }>('GET', '/api/customers/ada/events?limit=100');
    return page.events.filter((event) => event.name === 'subscribed' || event.name === 'unsubscribed').map((event) => `${event.name}:${String(event.properties.topic)}:${String(event.properties.source)}`).reverse();
  }

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    ({ browser } = await launchBrowser());
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await signIn(page, platform.api.url, E2E_ADMIN);
    console = watchConsoleErrors(page);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('marketers create topics beside the templates and give a template its topic in the editor', async () => {
    await page.goto(`${platform.api.url}/#/templates`);
    const form = page.getByRole('form', { name: 'New topic' });
    await form.getByLabel('Topic name').fill('Newsletter');
    await form.getByLabel('Description (shown to customers)').fill('The <b>monthly</b> letter');
    await form.getByRole('button', { name: 'Add topic' }).click();
    await page.getByRole('cell', { name: /^Newsletter/ }).waitFor();
    await form.getByLabel('Topic name').fill('Product updates');
    await form.getByRole('button', { name: 'Add topic' }).click();
    await page.getByRole('cell', { name: /^Product updates/ }).waitFor();
    const { topics } = await platform.client.call<{ topics: { id: string; name: string }[] }>('GET', '/api/topics');
    topic.news = topics.find((row) => row.name === 'Newsletter')!.id;
    topic.product = topics.find((row) => row.name === 'Product updates')!.id;
    await page.screenshot({ path: '/tmp/topics-section.png', fullPage: true });
    await expectAccessible();

    newsTemplate = (await platform.client.createTemplate('Newsletter mail', 'News for {{ customer.name }}', '<p>This month</p>')).id;
    await page.goto(`${platform.api.url}/#/templates/${newsTemplate}`);
    await page.getByLabel('Subscription topic').selectOption({ label: 'Newsletter' });
    await page.getByRole('status').filter({ hasText: 'Topic saved.' }).waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('Subscription topic').inputValue(), shown).toBe(topic.news);
    await page.screenshot({ path: '/tmp/topics-template-editor.png' });
    await expectAccessible();
  }, 300_000);

  it('an email links to the preference page; opting out of one topic skips that topic only and the run says why; resubscribing sends again', async () => {
    const productTemplate = await platform.client.createTemplate('Product mail', 'What is new', '<p>Product <a href="{{ preferences_url }}">preferences</a></p>');
    const receiptTemplate = await platform.client.createTemplate('Receipt mail', 'Your receipt', '<p>Thanks</p>');
    const goodbyeTemplate = await platform.client.createTemplate('Goodbye mail', 'Sorry to see you go', '<p>You left {{ event.topic }}</p>');
    const publish = async (name: string, draft: unknown) => {
      const created = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name, draft });
      await platform.client.call('POST', `/api/journeys/${created.id}/publish`);
      return created.id;
    };
    journey.news = await publish('Newsletter', sendJourney('news_ready', newsTemplate));
    // The send step's own topic (the template has none).
    journey.product = await publish('Product', sendJourney('product_ready', productTemplate.id, { topicId: topic.product }));
    // Transactional: sent whatever the topic opt-outs.
    journey.receipt = await publish('Receipt', sendJourney('purchased', receiptTemplate.id, { topicId: topic.news, transactional: true }));
    // Journeys trigger on the event every opt-out emits.
    await publish('Goodbye', sendJourney('unsubscribed', goodbyeTemplate.id));
    await platform.client.identify('ada', { email: 'ada@example.com', name: 'Ada' });

    await platform.client.track('ada', 'news_ready');
    const first = await platform.waitForMail('ada@example.com', /^News for Ada$/, 180_000);
    expect(first.headers['list-unsubscribe']).toMatch(/^<http:\/\/.+\/u\/.+>$/);
    expect(first.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = preferenceLink(first.html);

    // The customer opens the link from the email: not signed in, in a browser of their own.
    const customer = await browser.newPage({ viewport: { width: 800, height: 900 }, bypassCSP: true });
    await customer.goto(link);
    await customer.getByRole('heading', { name: 'Email preferences' }).waitFor();
    expect(await customer.getByRole('checkbox', { name: /^Newsletter/ }).isChecked()).toBe(true);
    expect(await customer.getByText('The <b>monthly</b> letter').count()).toBe(1);
    await customer.getByRole('checkbox', { name: /^Newsletter/ }).uncheck();
    await customer.getByRole('button', { name: 'Save preferences' }).click();
    await customer.getByRole('status').filter({ hasText: 'Your preferences are saved.' }).waitFor();
    expect(await customer.getByRole('checkbox', { name: /^Newsletter/ }).isChecked()).toBe(false);
    expect(await customer.getByRole('checkbox', { name: /^Product updates/ }).isChecked()).toBe(true);
    await customer.screenshot({ path: '/tmp/topics-preference-page.png', fullPage: true });
    expect(await seriousA11yViolations(customer)).toEqual([]);

    await platform.client.track('ada', 'news_ready');
    await platform.client.track('ada', 'product_ready');
    await platform.client.track('ada', 'purchased');
    await platform.waitForMail('ada@example.com', /^What is new$/, 180_000);
    await platform.waitForMail('ada@example.com', /^Your receipt$/, 180_000);
    await expect.poll(() => sendOutcomes(journey.news), { timeout: 180_000, interval: 500 }).toEqual(['sent “News for Ada” to ada@example.com', "skipped: customer opted out of the email's topic"]);
    expect(await mailsTo(/^News for/)).toHaveLength(1);
    // The `unsubscribed` event started the goodbye journey, naming the topic.
    const goodbye = await platform.waitForMail('ada@example.com', /^Sorry to see you go$/, 180_000);
    expect(goodbye.html).toContain('You left Newsletter');

    // The run page says why.
    const { runs } = await platform.client.runsOf(journey.news);
    const skippedRun = await (async () => {
      for (const run of runs) if ((await platform.client.run(run.workflowId)).deliveries.some((delivery) => delivery.status === 'skipped')) return run.workflowId;
      throw new Error('no skipped run');
    })();
    await page.goto(`${platform.api.url}/#/runs/${encodeURIComponent(skippedRun)}`);
    await page.getByText("customer opted out of the email's topic").first().waitFor();
    await page.screenshot({ path: '/tmp/topics-run-skipped.png', fullPage: true });

    // Resubscribe through the same page.
    await customer.goto(link);
    await customer.getByRole('checkbox', { name: /^Newsletter/ }).check();
    await customer.getByRole('button', { name: 'Save preferences' }).click();
    await customer.getByRole('status').filter({ hasText: 'Your preferences are saved.' }).waitFor();
    await platform.client.track('ada', 'news_ready');
    await expect.poll(async () => (await mailsTo(/^News for/)).length, { timeout: 180_000, interval: 500 }).toBe(2);
    expect(await subscriptionEvents()).toEqual(['unsubscribed:Newsletter:preference_page', 'subscribed:Newsletter:preference_page']);
    await customer.close();
  }, 900_000);

  it("a one-click List-Unsubscribe POST leaves only that email's topic; the profile shows the topics", async () => {
    const [product] = await mailsTo(/^What is new$/);
    const url = /^<(.+)>$/.exec(product!.headers['list-unsubscribe'] ?? '')?.[1];
    const answer = await fetch(url!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(answer.status).toBe(200);
    // The template's own `{{ preferences_url }}` link is kept as it is (no tracking redirect, no second footer).
    expect(product!.html).toContain('/p/');
    expect(product!.html!.match(/\/p\//g)).toHaveLength(1);

    await expect.poll(subscriptionEvents, { timeout: 60_000, interval: 500 }).toContain('unsubscribed:Product updates:list_unsubscribe');
    const subscriptions = await platform.client.call<{ all: string; topics: { name: string; subscribed: boolean }[] }>('GET', '/api/customers/ada/subscriptions');
    expect(subscriptions.all).toBe('subscribed');
    expect(subscriptions.topics.map((row) => `${row.name}:${row.subscribed}`)).toEqual(['Newsletter:true', 'Product updates:false']);

    await page.goto(`${platform.api.url}/#/customers/ada`);
    const section = page.getByRole('region', { name: 'Subscription topics' });
    await expect.poll(() => section.getByRole('checkbox', { name: 'Receives Product updates' }).isChecked(), shown).toBe(false);
    expect(await section.getByRole('checkbox', { name: 'Receives Newsletter' }).isChecked()).toBe(true);
    await page.screenshot({ path: '/tmp/topics-customer-profile.png', fullPage: true });
    await expectAccessible();
    expect(console.errors).toEqual([]);
  }, 300_000);
});
