import { describe, expect, it } from 'vitest';
import { validateJourney, type JourneyDraft } from '@lifecycle/journey';
import { openExits, withImplicitExits } from './implicitExits';
import { preselectOnlySend } from './preselectSend';

const draft: JourneyDraft = {
  nodes: [
    { id: 'trigger_1', type: 'trigger', event: 'signup', reentry: { policy: 'once' }, position: { x: 0, y: 0 } },
    { id: 'send_1', type: 'send_email', templateId: 't', position: { x: 0, y: 150 } },
  ],
  edges: [{ id: 'trigger_1-next', source: 'trigger_1', sourceExit: 'next', target: 'send_1' }],
};
const known = { templateIds: new Set(['t']), offerIds: new Set<string>() };

describe('a journey may end on any step', () => {
  it('adds an Exit under each exit that leads nowhere, which makes the journey valid', () => {
    expect(validateJourney(draft, known).problems.map((problem) => problem.code)).toContain('dangling_exit');
    const completed = withImplicitExits(draft);
    expect(openExits(completed)).toEqual([]);
    expect(completed.nodes.at(-1)).toMatchObject({ id: 'exit_1', type: 'exit', position: { x: 0, y: 320 } });
    expect(validateJourney(completed, known).problems).toEqual([]);
  });

  it('returns the same draft when every exit is wired, and leaves a journey without a trigger alone', () => {
    const completed = withImplicitExits(draft);
    expect(withImplicitExits(completed)).toBe(completed);
    const noTrigger = { ...draft, nodes: draft.nodes.slice(1), edges: [] };
    expect(withImplicitExits(noTrigger)).toBe(noTrigger);
  });

  it('gives the two exits of a wait an Exit each, side by side', () => {
    const wait = { id: 'wait_1', type: 'wait_for_event' as const, awaited: { kind: 'event' as const, event: 'x' }, timeout: { amount: 1, unit: 'days' as const }, position: { x: 0, y: 300 } };
    const withWait = { ...draft, nodes: [...draft.nodes, wait], edges: [...draft.edges, { id: 'send_1-next', source: 'send_1', sourceExit: 'next', target: 'wait_1' }] };
    const added = withImplicitExits(withWait).nodes.filter((node) => node.type === 'exit');
    expect(added.map((node) => node.position?.x)).toEqual([-140, 140]);
  });
});

describe('waiting for an open of the only email', () => {
  const wait = { id: 'wait_1', type: 'wait_for_event' as const, awaited: { kind: 'event' as const, event: '' }, timeout: { amount: 3, unit: 'days' as const } };
  const opened = { ...wait, awaited: { kind: 'email_opened' as const, sendNodeId: '' } };

  it('chooses the only email step when the wait switches to an open or a click', () => {
    expect(preselectOnlySend(draft, wait, opened)).toMatchObject({ awaited: { kind: 'email_opened', sendNodeId: 'send_1' } });
    const clicked = { ...wait, awaited: { kind: 'email_clicked' as const, sendNodeId: '' } };
    expect(preselectOnlySend(draft, opened, clicked)).toMatchObject({ awaited: { sendNodeId: 'send_1' } });
  });

  it('chooses nothing with two email steps, or when the person cleared the choice', () => {
    const two = { ...draft, nodes: [...draft.nodes, { id: 'send_2', type: 'send_email' as const }] };
    expect(preselectOnlySend(two, wait, opened)).toBe(opened);
    expect(preselectOnlySend(draft, { ...opened, awaited: { kind: 'email_opened', sendNodeId: 'send_1' } }, opened)).toBe(opened);
  });
});
