import { describe, expect, it } from 'vitest';
import { checkTemplate } from './render';
import { renderEmail } from './renderEmail';
import { signSurveyToken, verifySurveyToken } from './surveyToken';
import { TEMPLATE_TAGS } from './templateVariables';
import { verifyTrackingToken } from './trackingToken';

const secret = 'test-tracking-secret-0123456789';
const tracking = { publicUrl: 'https://mail.example.com/', secret, deliveryId: 'dlv_1' };
const template = (html: string, text: string | null = null) => ({ subject: 'How are we doing?', html: `<p>Hi</p>${html}`, text });

function answerTokens(content: string): string[] {
  return [...content.matchAll(/https:\/\/mail\.example\.com\/s\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g)].map((match) => match[1] ?? '');
}

describe('{% survey %}', () => {
  it('renders 0–10 signed NPS links in the sent HTML and its text part, one per score', async () => {
    const result = await renderEmail({ template: template("{% survey 'nps' 'q4-2026' %}"), context: {}, tracking }, 1_000);
    if (!result.ok || !result.tracked) throw new Error('render failed');
    const claims = answerTokens(result.tracked.html).map((token) => verifySurveyToken(secret, token));
    expect(claims).toEqual(Array.from({ length: 11 }, (_, score) => ({ survey: 'q4-2026', kind: 'nps', score, deliveryId: 'dlv_1' })));
    expect(result.tracked.html).toContain('How likely are you to recommend us');
    // Score links are not wrapped in the click redirect: one click records the answer.
    expect(result.tracked.html).not.toMatch(/\/t\/c\/[^"]*"[^>]*>\d+<\/a>/);
    expect(answerTokens(result.tracked.text)).toHaveLength(11);
    expect(result.tracked.text).toMatch(/10\s+\(https:\/\/mail\.example\.com\/s\//);
  });

  it('renders 1–5 CSAT links with the template’s question, escaped, and in the template’s own text part', async () => {
    const result = await renderEmail(
      { template: template("{% survey 'csat' 'onboarding' question %}", "Rate us:\n{% survey 'csat' 'onboarding' %}"), context: { question: 'Setup <b>ok</b>?' }, tracking },
      1_000,
    );
    if (!result.ok || !result.tracked) throw new Error('render failed');
    expect(answerTokens(result.tracked.html).map((token) => verifySurveyToken(secret, token)?.score)).toEqual([1, 2, 3, 4, 5]);
    expect(result.tracked.html).toContain('Setup &lt;b&gt;ok&lt;/b&gt;?');
    expect(result.tracked.text).not.toContain('<table');
    expect(answerTokens(result.tracked.text)).toHaveLength(5);
  });

  it('gives previews and test sends links that say they are previews and sign nothing', async () => {
    const result = await renderEmail({ template: template("{% survey 'nps' 'q4-2026' %}"), context: {}, tracking: null }, 1_000);
    if (!result.ok) throw new Error('render failed');
    expect(result.html).toContain('href="#survey-preview-nps-q4-2026-7"');
    expect(result.html).not.toContain('lifecycle-survey:');
    expect(result.text).toContain('0 1 2 3 4 5 6 7 8 9 10');
    expect(result.text).not.toMatch(/https?:/);
    expect(answerTokens(result.html)).toEqual([]);
  });

  it('refuses a bad kind, name or argument count when the template is saved', () => {
    expect(checkTemplate(template("{% survey 'ces' 'x' %}"))).toMatchObject({ ok: false, field: 'html', message: expect.stringMatching(/'nps' or 'csat'/) });
    expect(checkTemplate(template("{% survey 'nps' 'has space' %}"))).toMatchObject({ ok: false, message: expect.stringMatching(/survey's name/) });
    expect(checkTemplate(template("{% survey 'nps' %}"))).toMatchObject({ ok: false, message: expect.stringMatching(/takes a kind/) });
    expect(checkTemplate(template("{% survey 'nps' 'q4' %}"))).toEqual({ ok: true });
    for (const tag of TEMPLATE_TAGS) expect(checkTemplate(template(tag.example))).toEqual({ ok: true });
  });

  it('cannot be forged: a changed score, delivery or foreign secret fails, and survey and tracking tokens never pass for each other', () => {
    const token = signSurveyToken(secret, { survey: 'q4', kind: 'nps', score: 3, deliveryId: 'dlv_1' });
    const [body, signature] = token.split('.') as [string, string];
    const claim = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forge = (change: Record<string, unknown>) => `${Buffer.from(JSON.stringify({ ...claim, ...change })).toString('base64url')}.${signature}`;
    expect(verifySurveyToken(secret, token)).toEqual({ survey: 'q4', kind: 'nps', score: 3, deliveryId: 'dlv_1' });
    expect(verifySurveyToken(secret, forge({ score: 10 }))).toBeNull();
    expect(verifySurveyToken(secret, forge({ deliveryId: 'dlv_2' }))).toBeNull();
    expect(verifySurveyToken('another-secret-0123456789', token)).toBeNull();
    expect(verifyTrackingToken(secret, token)).toBeNull();
    expect(() => signSurveyToken(secret, { survey: 'q4', kind: 'csat', score: 0, deliveryId: 'd' })).toThrow();
  });
});
