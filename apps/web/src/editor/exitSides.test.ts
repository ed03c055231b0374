import { describe, expect, it } from 'vitest';
import type { JourneyDraft } from '@lifecycle/journey';
import { autoLayout } from './autoLayout';
import { keepExitSides } from '../canvas/exitSides';

const wait = { id: 'wait_open', type: 'wait_for_event' as const, awaited: { kind: 'event' as const, event: 'opened' }, timeout: { amount: 1, unit: 'days' as const } };
const draft: JourneyDraft = {
  nodes: [
    { id: 'trigger', type: 'trigger', event: 'signup', reentry: { policy: 'once' } },
    wait,
    { id: 'reminder', type: 'send_email', templateId: 't' },
    { id: 'reminder_wait', type: 'wait', duration: { amount: 1, unit: 'days' } },
    { id: 'offer', type: 'offer', offerId: 'o' },
    { id: 'end', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'wait_open' },
    // The timed-out branch is listed first, which leads dagre to put it on the left.
    { id: 'e2', source: 'wait_open', sourceExit: 'timed_out', target: 'reminder' },
    { id: 'e3', source: 'reminder', sourceExit: 'next', target: 'reminder_wait' },
    { id: 'e4', source: 'wait_open', sourceExit: 'matched', target: 'offer' },
    { id: 'e5', source: 'offer', sourceExit: 'next', target: 'end' },
    { id: 'e6', source: 'reminder_wait', sourceExit: 'next', target: 'end' },
  ],
};
const x = (laid: JourneyDraft, id: string) => laid.nodes.find((node) => node.id === id)?.position?.x ?? Number.NaN;

describe('auto-layout keeps exits on the sides the card shows them', () => {
  it('puts the matched branch left of the timed-out branch, each with the steps only it leads to', () => {
    const laid = autoLayout(draft);
    expect(x(laid, 'offer')).toBeLessThan(x(laid, 'reminder'));
    expect(x(laid, 'offer')).toBeLessThan(x(laid, 'reminder_wait'));
  });

  it('swaps branches that were laid out the wrong way round and leaves the step they join at alone', () => {
    const positions = new Map([
      ['trigger', { x: 150, y: 0 }],
      ['wait_open', { x: 150, y: 150 }],
      ['reminder', { x: 0, y: 300 }],
      ['reminder_wait', { x: 0, y: 450 }],
      ['offer', { x: 300, y: 300 }],
      ['end', { x: 150, y: 600 }],
    ]);
    const sided = keepExitSides(draft, positions);
    expect(sided.get('offer')).toEqual({ x: 0, y: 300 });
    expect(sided.get('reminder')?.x).toBe(290);
    expect(sided.get('reminder_wait')?.x).toBe(290);
    expect(sided.get('end')).toEqual({ x: 150, y: 600 });
  });

  it('leaves branches already in order untouched', () => {
    const positions = new Map([
      ['wait_open', { x: 150, y: 150 }],
      ['offer', { x: 0, y: 300 }],
      ['reminder', { x: 300, y: 300 }],
    ]);
    expect(keepExitSides(draft, positions).get('reminder')).toEqual({ x: 300, y: 300 });
  });
});
