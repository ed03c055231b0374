import { describe, expect, it } from 'vitest';
import { welcomeJourney, type JourneyDraft } from '@lifecycle/journey';
import { buildFlow } from './buildFlow';

/** matched → offer → wait → exit; timed out → that same exit: a long wire to where the branches join. */
const joining: JourneyDraft = {
  nodes: [
    { id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } },
    { id: 'send', type: 'send_email', templateId: 't' },
    { id: 'opened', type: 'wait_for_event', awaited: { kind: 'email_opened', sendNodeId: 'send' }, timeout: { amount: 2, unit: 'days' } },
    { id: 'offer', type: 'offer', offerId: 'o' },
    { id: 'pause', type: 'wait', duration: { amount: 2, unit: 'days' } },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
    { id: 'e2', source: 'send', sourceExit: 'next', target: 'opened' },
    { id: 'e3', source: 'opened', sourceExit: 'matched', target: 'offer' },
    { id: 'e4', source: 'opened', sourceExit: 'timed_out', target: 'done' },
    { id: 'e5', source: 'offer', sourceExit: 'next', target: 'pause' },
    { id: 'e6', source: 'pause', sourceExit: 'next', target: 'done' },
  ],
};

const welcome = welcomeJourney({ welcomeTemplateId: 'welcome', codeTemplateId: 'code', reminderTemplateId: 'reminder', offerId: 'offer' });

describe('the read-only canvas of a journey', () => {
  it("lays a wait's matched branch left of its timed-out one, as the card's handles are, so the wires do not cross", () => {
    const { nodes, edges } = buildFlow(welcome);
    const x = (id: string) => nodes.find((node) => node.id === id)?.position.x ?? Number.NaN;
    const target = (exit: string) => edges.find((edge) => edge.sourceHandle === exit)?.target ?? '';
    expect(x(target('matched'))).toBeLessThan(x(target('timed_out')));
  });

  it('routes a timed-out wire that joins the matched branch further down round the right of that branch, not the left', () => {
    const { nodes, edges } = buildFlow(joining);
    const x = (id: string) => nodes.find((node) => node.id === id)?.position.x ?? Number.NaN;
    const bends = edges.find((edge) => edge.id === 'e4')?.data?.bends ?? [];
    expect(bends.length).toBeGreaterThan(0);
    // Right of the offer and the wait it passes, as the timed-out handle is right of the matched one.
    for (const bend of bends) expect(bend.x).toBeGreaterThan(Math.max(x('offer'), x('pause')) + 250);
  });
});
