import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

// Before: each of these answered with the file's contents (package.json, the README, the tracking secret).
const fileTags = ["{% include 'package.json' %}", "{% render 'README.md' %}", "{% layout '.data/secret' %}", "{% liquid include 'package.json' %}"];
const fields = ['subject', 'html', 'text'] as const;

function templateWith(field: (typeof fields)[number], tag: string) {
  return { subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', [field]: tag };
}

describe('templates have no file system', () => {
  it.each(fileTags)('refuses %s in a preview with a 400 naming the field, and reads nothing', async (tag) => {
    for (const field of fields) {
      const response = await t.send('POST', '/api/templates/preview', { template: templateWith(field, tag), traits: {} });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: 'invalid_template', issues: [{ path: field }] });
      expect(response.body.message).toMatch(new RegExp(`^${field}: .*is not allowed: templates cannot read files`));
      expect(JSON.stringify(response.body)).not.toMatch(/devDependencies|lifecycle|# /);
    }
  });

  it.each(fileTags)('refuses to save %s, naming the field', async (tag) => {
    for (const field of fields) {
      const response = await t.send('POST', '/api/templates', { name: 'Reads files', ...templateWith(field, tag) });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: 'invalid_template', issues: [{ path: field }] });
    }
    const saved = await t.send('POST', '/api/templates', { name: 'Fine', subject: 'Hi', html: '<p>Hi</p>' });
    expect((await t.send('PUT', `/api/templates/${saved.body.id}`, { name: 'Fine', subject: 'Hi', html: tag })).status).toBe(400);
    expect((await t.send('GET', `/api/templates/${saved.body.id}`)).body.html).toBe('<p>Hi</p>');
  });
});

describe('POST /api/templates/preview', () => {
  it('renders for sample traits, with a text part generated from the HTML when the template has none', async () => {
    const template = { subject: 'Hi {{ customer.first_name }}', html: '<p>Hello {{ customer.first_name }}, <a href="https://shop.example.com/">shop now</a></p>', text: null };
    const response = await t.send('POST', '/api/templates/preview', { template, traits: { first_name: 'Ada' } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ok: true,
      subject: 'Hi Ada',
      html: '<p>Hello Ada, <a href="https://shop.example.com/">shop now</a></p>',
      text: 'Hello Ada, shop now (https://shop.example.com/)',
    });
  });

  it('answers a render that fails on this customer as { ok: false }, without holding the API', async () => {
    const explosive = '{% for i in (1..customer.n) %}{% for j in (1..customer.n) %}x{% endfor %}{% endfor %}';
    const response = await t.send('POST', '/api/templates/preview', { template: { subject: 's', html: explosive, text: null }, traits: { n: 20_000 } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: false, error: expect.stringMatching(/^html: .*limit exceeded/) });
  });
});
