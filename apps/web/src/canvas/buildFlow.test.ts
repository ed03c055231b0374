import { describe, expect, it } from 'vitest';
import { welcomeJourney } from '@lifecycle/journey';
import { buildFlow } from './buildFlow';

const welcome = welcomeJourney({ welcomeTemplateId: 'welcome', codeTemplateId: 'code', reminderTemplateId: 'reminder', offerId: 'offer' });

describe('the read-only canvas of a journey', () => {
  it("lays a wait's matched branch left of its timed-out one, as the card's handles are, so the wires do not cross", () => {
    const { nodes, edges } = buildFlow(welcome);
    const x = (id: string) => nodes.find((node) => node.id === id)?.position.x ?? Number.NaN;
    const target = (exit: string) => edges.find((edge) => edge.sourceHandle === exit)?.target ?? '';
    expect(x(target('matched'))).toBeLessThan(x(target('timed_out')));
  });
});
