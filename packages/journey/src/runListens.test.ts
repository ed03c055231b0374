import { describe, expect, it } from 'vitest';
import { runListens, runUsesEvent } from './runListens';
import { JourneyGraph } from './schema';
import { traitsUpdatedEvent } from './traitsUpdated';

const day = { amount: 1, unit: 'days' } as const;
const trigger = { id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } };
const exit = { id: 'done', type: 'exit' };

/** trigger → the given nodes in a row → exit. */
function chain(nodes: object[], goal?: object): JourneyGraph {
  const all = [trigger, ...nodes, exit] as { id: string }[];
  const edges = all.slice(1).map((node, index) => ({ id: `e${index}`, source: all[index]!.id, sourceExit: 'next', target: node.id }));
  return JourneyGraph.parse({ nodes: all, edges, goal });
}

const event = (name: string, properties: Record<string, unknown> = {}) => ({ name, properties });
const traitsSet = (...keys: string[]) => traitsUpdatedEvent({ id: 'e1', traits: Object.fromEntries(keys.map((key) => [key, 'x'])), timestamp: '2026-01-01T00:00:00Z' });

describe('runListens', () => {
  it('a journey with no waits and no goal uses no event but the opens and clicks of its own emails', () => {
    const listening = runListens(chain([{ id: 'send', type: 'send_email', templateId: 'tpl' }]));
    expect(listening).toEqual({ events: [], engagement: [], traits: [] });
    for (const candidate of [event('signed_up'), event('purchase'), event('email_opened', { workflowId: 'w2' }), event('email_clicked'), traitsSet('timezone'), event('customer_traits_updated')]) {
      expect(runUsesEvent(listening, candidate, 'w1'), candidate.name).toBe(false);
    }
    // A version it is migrated to may wait for an open of an email it sent before: those count from the send on.
    expect(runUsesEvent(listening, event('email_opened', { workflowId: 'w1' }), 'w1')).toBe(true);
    expect(runUsesEvent(listening, event('email_clicked', { workflowId: 'w1' }), 'w1')).toBe(true);
  });

  it('the goal: its event, or the segment event a segment goal waits for', () => {
    const byEvent = runListens(chain([], { kind: 'event', event: 'purchase' }));
    expect(runUsesEvent(byEvent, event('purchase', { total: 3 }), 'w1')).toBe(true);
    expect(runUsesEvent(byEvent, event('page_viewed'), 'w1')).toBe(false);
    // Goals saved before segment goals existed have no kind.
    expect(runListens(chain([], { event: 'upgraded' })).events).toEqual(['upgraded']);
    const bySegment = runListens(chain([], { kind: 'segment_exited', segmentId: 'seg_vip' }));
    expect(runUsesEvent(bySegment, event('segment_exited', { segmentId: 'seg_vip' }), 'w1')).toBe(true);
    expect(runUsesEvent(bySegment, event('segment_entered', { segmentId: 'seg_vip' }), 'w1')).toBe(false);
  });

  it('every named wait-for-event, not only the one a run is at (a wait may count events received before it)', () => {
    const listening = runListens(
      chain([
        { id: 'wait_view', type: 'wait_for_event', awaited: { kind: 'event', event: 'pricing_viewed' }, timeout: day },
        { id: 'wait_buy', type: 'wait_for_event', awaited: { kind: 'event', event: 'purchase', countFrom: { from: 'run_start' } }, timeout: day },
      ]),
    );
    expect(listening.events).toEqual(['pricing_viewed', 'purchase']);
    expect(runUsesEvent(listening, event('purchase'), 'w1')).toBe(true);
    expect(runUsesEvent(listening, event('pricing_viewed'), 'w1')).toBe(true);
    expect(runUsesEvent(listening, event('cart_viewed'), 'w1')).toBe(false);
  });

  it("an email open or click reaches only the run whose email it is (the workflowId it carries)", () => {
    const listening = runListens(
      chain([
        { id: 'send', type: 'send_email', templateId: 'tpl' },
        { id: 'wait_open', type: 'wait_for_event', awaited: { kind: 'email_opened', sendNodeId: 'send' }, timeout: day },
      ]),
    );
    expect(listening).toEqual({ events: [], engagement: ['email_opened'], traits: [] });
    expect(runUsesEvent(listening, event('email_opened', { workflowId: 'w1', nodeId: 'send' }), 'w1')).toBe(true);
    expect(runUsesEvent(listening, event('email_opened', { workflowId: 'w2', nodeId: 'send' }), 'w1')).toBe(false);
    expect(runUsesEvent(listening, event('email_opened'), 'w1')).toBe(false);
    // Its own email's clicks reach it too (see the journey without waits above).
    expect(runUsesEvent(listening, event('email_clicked', { workflowId: 'w1', nodeId: 'send' }), 'w1')).toBe(true);
  });

  it('a goal on an engagement event counts every one of them, whoever sent the email', () => {
    const listening = runListens(chain([{ id: 'wait_click', type: 'wait_for_event', awaited: { kind: 'email_clicked', sendNodeId: 'x' }, timeout: day }], { event: 'email_clicked' }));
    expect(runUsesEvent(listening, event('email_clicked', { workflowId: 'w2' }), 'w1')).toBe(true);
  });

  it("a wait until a date trait hears updates of that trait's top key and of the time zone, not of other traits", () => {
    const until = { kind: 'trait_date', trait: 'subscription.renewal_at', when: { kind: 'before', offset: day } };
    const listening = runListens(chain([{ id: 'wait_renewal', type: 'wait', until }]));
    expect(listening).toEqual({ events: [], engagement: [], traits: ['subscription', 'timezone'] });
    expect(runUsesEvent(listening, traitsSet('subscription'), 'w1')).toBe(true);
    expect(runUsesEvent(listening, traitsSet('plan', 'timezone'), 'w1')).toBe(true);
    expect(runUsesEvent(listening, traitsSet('plan'), 'w1')).toBe(false);
    // An update that does not say which traits it set may have set any.
    expect(runUsesEvent(listening, event('customer_traits_updated'), 'w1')).toBe(true);
    // A tracked event that happens to be called like a trait reaches nothing.
    expect(runUsesEvent(listening, event('subscription'), 'w1')).toBe(false);
  });

  it('a wait until a weekday time hears time zone changes only; a wait for a duration hears nothing', () => {
    const weekly = runListens(chain([{ id: 'wait_monday', type: 'wait', until: { kind: 'weekday_time', weekdays: ['mon'], time: '09:00', zone: { kind: 'customer' } } }]));
    expect(weekly.traits).toEqual(['timezone']);
    expect(runUsesEvent(weekly, traitsSet('timezone'), 'w1')).toBe(true);
    expect(runUsesEvent(weekly, traitsSet('renewal_at'), 'w1')).toBe(false);
    expect(runListens(chain([{ id: 'wait_day', type: 'wait', duration: day }]))).toEqual({ events: [], engagement: [], traits: [] });
  });
});
