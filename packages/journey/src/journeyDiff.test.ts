import { describe, expect, it } from 'vitest';
import { welcomeJourney } from './examples';
import { diffJourneys } from './journeyDiff';
import { JourneyGraph, type JourneyDraft } from './schema';

const ids = { welcomeTemplateId: 't-welcome', codeTemplateId: 't-code', reminderTemplateId: 't-reminder', offerId: 'o-10' };
const names = {
  templates: new Map([['t-welcome', 'Welcome'], ['t-code', 'Your code'], ['t-reminder', 'Reminder'], ['t-other', 'Second chance']]),
  offers: new Map([['o-10', '10% off']]),
};
const live = JourneyGraph.parse(welcomeJourney(ids));
const draftOf = (edit: (draft: JourneyDraft) => void): JourneyDraft => {
  const draft = structuredClone(welcomeJourney(ids));
  edit(draft);
  return draft;
};

describe('diffJourneys', () => {
  it('finds no change between a live version and the draft it was published from, defaults and positions aside', () => {
    const draft = draftOf((d) => {
      delete (d.nodes[0] as { reentry?: unknown }).reentry; // the publish filled in "once"
      d.nodes[1]!.position = { x: 400, y: 90 };
    });
    expect(diffJourneys(live, draft, names)).toEqual({ added: [], removed: [], changed: [], rewired: [], goal: null, count: 0 });
  });

  it('lists every node of a first version as added', () => {
    const diff = diffJourneys(null, live, names);
    expect(diff.added).toHaveLength(9);
    expect(diff.added[1]).toEqual({ nodeId: 'send_welcome', type: 'send_email', name: 'Welcome email' });
    expect(diff.rewired).toEqual([]);
  });

  it('names a changed field by its screen label, before → after, templates by name', () => {
    const draft = draftOf((d) => {
      Object.assign(d.nodes.find((n) => n.id === 'send_reminder')!, { templateId: 't-other' });
      Object.assign(d.nodes.find((n) => n.id === 'wait_2d')!, { duration: { amount: 3, unit: 'days' } });
    });
    const diff = diffJourneys(live, draft, names);
    expect(diff.changed).toEqual([
      { nodeId: 'wait_2d', type: 'wait', name: 'Wait 2 days', fields: [{ field: 'duration', label: 'Duration', before: '2 days', after: '3 days' }] },
      { nodeId: 'send_reminder', type: 'send_email', name: 'Reminder', fields: [{ field: 'templateId', label: 'Email template', before: '“Reminder”', after: '“Second chance”' }] },
    ]);
    expect(diff.count).toBe(2);
  });

  it('compares nested settings field by field', () => {
    const draft = draftOf((d) => Object.assign(d.nodes.find((n) => n.id === 'wait_open')!, { timeout: { amount: 5, unit: 'days' }, awaited: { kind: 'email_opened', sendNodeId: 'send_code' } }));
    const [change] = diffJourneys(live, draft, names).changed;
    expect(change?.fields).toEqual([
      { field: 'awaited.sendNodeId', label: 'Wait for › Email step', before: '“send_welcome”', after: '“send_code”' },
      { field: 'timeout', label: 'Give up after', before: '3 days', after: '5 days' },
    ]);
  });

  it('lists nodes added and removed by name, and the exits rewired around them', () => {
    const draft = draftOf((d) => {
      d.nodes = d.nodes.filter((n) => n.id !== 'send_reminder');
      d.nodes.push({ id: 'sms_wait', type: 'wait', label: 'Wait a day', duration: { amount: 1, unit: 'days' } });
      d.edges = d.edges.filter((e) => e.source !== 'send_reminder' && e.target !== 'send_reminder');
      d.edges.push({ id: 'x', source: 'wait_open', sourceExit: 'timed_out', target: 'sms_wait' }, { id: 'y', source: 'sms_wait', sourceExit: 'next', target: 'exit_reminded' });
    });
    const diff = diffJourneys(live, draft, names);
    expect(diff.added).toEqual([{ nodeId: 'sms_wait', type: 'wait', name: 'Wait a day' }]);
    expect(diff.removed).toEqual([{ nodeId: 'send_reminder', type: 'send_email', name: 'Reminder' }]);
    expect(diff.rewired).toEqual([{ nodeId: 'wait_open', name: 'Opened the welcome email?', exit: 'timed_out', before: 'Reminder', after: 'Wait a day' }]);
    expect(diff.count).toBe(3);
  });

  it('names an unlabelled node by what it does, and a half-configured one by its type', () => {
    const draft = draftOf((d) => {
      delete d.nodes.find((n) => n.id === 'grant_offer')!.label;
      d.nodes.push({ id: 'new_send', type: 'send_email' });
    });
    const diff = diffJourneys(live, draft, names);
    expect(diff.changed).toEqual([{ nodeId: 'grant_offer', type: 'offer', name: 'Grant offer “10% off”', fields: [{ field: 'label', label: 'Label', before: '“Grant offer”', after: '(none)' }] }]);
    expect(diff.added).toEqual([{ nodeId: 'new_send', type: 'send_email', name: 'Send email' }]);
  });

  it('reports a goal set, changed or removed in words', () => {
    const withGoal = draftOf((d) => (d.goal = { event: 'purchased', window: { amount: 7, unit: 'days' } }));
    expect(diffJourneys(live, withGoal, names).goal).toEqual({ before: null, after: 'Event “purchased” within 7 days' });
    expect(diffJourneys(JourneyGraph.parse(withGoal), draftOf(() => undefined), names).goal).toEqual({ before: 'Event “purchased” within 7 days', after: null });
  });

  it('reports a node whose type changed as one changed field', () => {
    const draft = draftOf((d) => {
      const index = d.nodes.findIndex((n) => n.id === 'exit_reminded');
      d.nodes[index] = { id: 'exit_reminded', type: 'wait', label: 'Reminded', duration: { amount: 1, unit: 'hours' } };
    });
    expect(diffJourneys(live, draft, names).changed[0]?.fields).toEqual([{ field: 'type', label: 'Step type', before: 'Exit', after: 'Wait' }]);
  });
});
