import { describe, expect, it } from 'vitest';
import { answerTraits } from './answerTraits';
import type { JourneyDraft } from './schema';
import { validateJourney } from './validate';

const known = { templateIds: new Set<string>(), offerIds: new Set<string>() };

function draftWith(webhook: Record<string, unknown>, notify: Record<string, unknown>): JourneyDraft {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'health_dropped', reentry: { policy: 'once' } },
      { id: 'hook', type: 'webhook', ...webhook },
      { id: 'tell', type: 'notify_team', ...notify },
      { id: 'done', type: 'exit' },
      { id: 'gave_up', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'hook' },
      { id: 'e2', source: 'hook', sourceExit: 'succeeded', target: 'tell' },
      { id: 'e3', source: 'hook', sourceExit: 'failed', target: 'gave_up' },
      { id: 'e4', source: 'tell', sourceExit: 'next', target: 'done' },
    ],
  };
}

function messages(draft: JourneyDraft): string[] {
  const result = validateJourney(draft, known);
  return result.ok ? [] : result.problems.map((problem) => `${problem.nodeId}: ${problem.message}`);
}

describe('webhook and notify-the-team nodes', () => {
  it('publish with both exits of the webhook wired', () => {
    const draft = draftWith({ method: 'POST', url: 'https://crm.example.com/hook', body: '{}' }, { recipient: { kind: 'address', address: 'team@example.com' } });
    expect(messages(draft)).toEqual([]);
  });

  it('explain what is missing or wrong in words', () => {
    const found = messages(
      draftWith(
        { method: 'GET', url: 'file:///etc/passwd', body: '{"a":1}', headers: [{ name: 'Host', value: 'x' }, { name: 'X-Token', value: 'a\r\nb' }] },
        { recipient: { kind: 'address', address: 'not an address' }, chatWebhookUrl: 'http://user:pw@chat.example.com' },
      ),
    ).join('\n');
    expect(found).toContain('an absolute http:// or https:// address');
    expect(found).toContain('a GET request has no body');
    expect(found).toContain('this header is set by the platform');
    expect(found).toContain('a header value is one line');
    expect(found).toContain('without a user name or password');
    expect(found).toMatch(/tell: .*email/i);
  });

  it('names an unwired failed exit', () => {
    const draft = draftWith({ method: 'POST', url: 'https://crm.example.com/hook' }, { recipient: { kind: 'trait', trait: 'account_owner_email' } });
    expect(messages({ ...draft, edges: draft.edges.filter((edge) => edge.id !== 'e3') }).join('\n')).toMatch(/failed/);
  });
});

describe('answerTraits', () => {
  it('takes present scalar fields of the answer, own properties only, and never wipes a trait with a missing one', () => {
    const answer = JSON.stringify({ account: { score: 87, tier: 'gold', tags: ['a'] }, items: [{ id: 'x1' }] });
    expect(
      answerTraits(answer, [
        { answerPath: 'account.score', trait: 'score' },
        { answerPath: 'items.0.id', trait: 'first_item' },
        { answerPath: 'account.tags', trait: 'tags' },
        { answerPath: 'account.constructor', trait: 'proto' },
        { answerPath: 'nothing.here', trait: 'missing' },
      ]),
    ).toEqual({ traits: { score: 87, first_item: 'x1' }, skipped: ['account.tags', 'account.constructor', 'nothing.here'] });
    expect(answerTraits('not json', [{ answerPath: 'a', trait: 'b' }])).toEqual({ traits: {}, skipped: ['a'] });
  });
});
