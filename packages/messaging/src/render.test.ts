import { describe, expect, it } from 'vitest';
import { checkTemplate, renderMessage } from './render';

describe('renderMessage', () => {
  it('renders subject, HTML and text against the context', async () => {
    const result = await renderMessage(
      { subject: ' Hi {{ customer.name | capitalize }} ', html: '<p>{{ offer.code }}</p>', text: 'Code: {{ offer.code }}' },
      { customer: { name: 'ada' }, offer: { code: 'X-1' } },
    );
    expect(result).toEqual({ ok: true, subject: 'Hi Ada', html: '<p>X-1</p>', text: 'Code: X-1' });
  });

  it('leaves text null when the template has none, and renders unknown variables as empty', async () => {
    expect(await renderMessage({ subject: 'Hi {{ customer.nope }}!', html: 'x', text: null }, { customer: {} })).toEqual({
      ok: true,
      subject: 'Hi !',
      html: 'x',
      text: null,
    });
  });

  it('returns an unknown filter as an error naming the field', async () => {
    const result = await renderMessage({ subject: 'ok', html: '{{ name | shout }}', text: null }, { name: 'a' });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^html: undefined filter: shout/) });
  });

  it('does not expose prototype members of context objects', async () => {
    const result = await renderMessage({ subject: '[{{ customer.constructor }}][{{ customer.toString }}]', html: '', text: null }, { customer: {} });
    expect(result).toMatchObject({ ok: true, subject: '[][]' });
  });

  it('stops loops that would run too long or allocate too much', async () => {
    const huge = await renderMessage({ subject: '{% for i in (1..1000000000) %}{{ i }}{% endfor %}', html: '', text: null }, {});
    expect(huge).toEqual({ ok: false, error: expect.stringMatching(/^subject: .*limit exceeded/) });
    const slow = await renderMessage({ subject: 's', html: '{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}', text: null }, {});
    expect(slow).toEqual({ ok: false, error: expect.stringMatching(/^html: .*limit exceeded/) });
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
