import { describe, expect, it } from 'vitest';
import { checkTemplate, renderFields } from './render';

const budget = 1_000;

describe('renderFields', () => {
  it('renders subject, HTML and text against the context', async () => {
    const result = await renderFields(
      { subject: ' Hi {{ customer.name | capitalize }} ', html: '<p>{{ offer.code }}</p>', text: 'Code: {{ offer.code }}' },
      { customer: { name: 'ada' }, offer: { code: 'X-1' } },
      budget,
    );
    expect(result).toEqual({ ok: true, subject: 'Hi Ada', html: '<p>X-1</p>', text: 'Code: X-1' });
  });

  it('leaves text null when the template has none, and renders unknown variables as empty', async () => {
    expect(await renderFields({ subject: 'Hi {{ customer.nope }}!', html: 'x', text: null }, { customer: {} }, budget)).toEqual({
      ok: true,
      subject: 'Hi !',
      html: 'x',
      text: null,
    });
  });

  it('returns an unknown filter as an error naming the field', async () => {
    const result = await renderFields({ subject: 'ok', html: '{{ name | shout }}', text: null }, { name: 'a' }, budget);
    expect(result).toEqual({ ok: false, reason: 'render_error', field: 'html', error: expect.stringMatching(/^html: undefined filter: shout/) });
  });

  it('does not expose prototype members of context objects', async () => {
    const result = await renderFields({ subject: '[{{ customer.constructor }}][{{ customer.toString }}]', html: '', text: null }, { customer: {} }, budget);
    expect(result).toMatchObject({ ok: true, subject: '[][]' });
  });

  it('stops loops that would run too long or allocate too much, as typed failures', async () => {
    const huge = await renderFields({ subject: '{% for i in (1..1000000000) %}{{ i }}{% endfor %}', html: '', text: null }, {}, budget);
    expect(huge).toEqual({ ok: false, reason: 'template_memory', field: 'subject', error: expect.stringMatching(/^subject: .*limit exceeded/) });
    const slow = await renderFields({ subject: 's', html: '{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}', text: null }, {}, 200);
    expect(slow).toEqual({ ok: false, reason: 'template_timeout', field: 'html', error: expect.stringMatching(/^html: .*limit exceeded/) });
  });
});

describe('templates have no file system', () => {
  // Each of these read the named file from the process's directory before: package.json, the README, the
  // tracking secret (with which links can be forged).
  const fileTags = [
    "{% include 'package.json' %}",
    '{% include "README.md" %}',
    "{% render '.data/secret' %}",
    "{% layout 'package.json' %}x",
    "{% liquid\n include 'package.json'\n%}",
    "{% include '/etc/passwd' %}",
    '{% assign f = "package.json" %}{% include f %}',
  ];

  it.each(fileTags)('refuses %s when the template is checked, naming the field', (tag) => {
    expect(checkTemplate({ subject: 'ok', html: `<p>${tag}</p>`, text: null })).toEqual({
      ok: false,
      field: 'html',
      message: expect.stringMatching(/is not allowed: templates cannot read files/),
    });
    expect(checkTemplate({ subject: 'ok', html: 'ok', text: tag })).toMatchObject({ ok: false, field: 'text' });
    expect(checkTemplate({ subject: tag, html: 'ok', text: null })).toMatchObject({ ok: false, field: 'subject' });
  });

  it.each(fileTags)('fails %s at render without reading anything', async (tag) => {
    const result = await renderFields({ subject: 'ok', html: tag, text: null }, {}, budget);
    expect(result).toEqual({ ok: false, reason: 'render_error', field: 'html', error: expect.stringMatching(/^html: .*templates cannot read files/) });
    expect(JSON.stringify(result)).not.toMatch(/"name"|lifecycle|root:/);
  });
});

describe('checkTemplate', () => {
  it('accepts a template that parses', () => {
    expect(checkTemplate({ subject: 'Hi {{ a }}', html: '{% if a %}x{% endif %}', text: null })).toEqual({ ok: true });
  });

  it('names the first field that does not parse', () => {
    expect(checkTemplate({ subject: 'ok', html: 'ok', text: '{% if a %}never closed' })).toEqual({
      ok: false,
      field: 'text',
      message: expect.stringContaining('not closed'),
    });
    expect(checkTemplate({ subject: '{{ a | nope }}', html: 'ok', text: null })).toMatchObject({ ok: false, field: 'subject' });
  });
});
