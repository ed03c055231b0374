import { describe, expect, it } from 'vitest';
import type { JourneyDraft } from '@lifecycle/journey';
import { copySelection, pasteClipboard, pasteOffset, removeElements } from './graphOps';
import { editorReducer, initialEditorState } from './editorReducer';

const at = (y: number) => ({ x: 0, y });
const chain: JourneyDraft = {
  nodes: [
    { id: 'trigger_1', type: 'trigger', event: 'signup', reentry: { policy: 'once' }, position: at(0) },
    { id: 'send_1', type: 'send_email', templateId: 't', position: at(150) },
    { id: 'wait_1', type: 'wait', duration: { amount: 1, unit: 'days' }, position: at(300) },
    { id: 'exit_1', type: 'exit', position: at(450) },
  ],
  edges: [
    { id: 'trigger_1-next', source: 'trigger_1', sourceExit: 'next', target: 'send_1' },
    { id: 'send_1-next', source: 'send_1', sourceExit: 'next', target: 'wait_1' },
    { id: 'wait_1-next', source: 'wait_1', sourceExit: 'next', target: 'exit_1' },
  ],
};
const links = (draft: JourneyDraft) => draft.edges.map((edge) => `${edge.source}.${edge.sourceExit}>${edge.target}`).sort();

describe('deleting steps', () => {
  it('reconnects the neighbours of a middle step (React Flow lists its edges with it)', () => {
    const next = removeElements(chain, new Set(['send_1']), new Set(['trigger_1-next', 'send_1-next']));
    expect(links(next)).toEqual(['trigger_1.next>wait_1', 'wait_1.next>exit_1']);
  });

  it('reconnects across two deleted steps in a row', () => {
    const next = removeElements(chain, new Set(['send_1', 'wait_1']), new Set());
    expect(links(next)).toEqual(['trigger_1.next>exit_1']);
  });

  it('leaves a gap when the step had two ways out (which one would it keep?)', () => {
    const split: JourneyDraft = {
      nodes: [...chain.nodes, { id: 'wait_open', type: 'wait_for_event', awaited: { kind: 'event', event: 'x' }, timeout: { amount: 1, unit: 'days' } }],
      edges: [
        { id: 'trigger_1-next', source: 'trigger_1', sourceExit: 'next', target: 'wait_open' },
        { id: 'wait_open-matched', source: 'wait_open', sourceExit: 'matched', target: 'send_1' },
      ],
    };
    expect(links(removeElements(split, new Set(['wait_open']), new Set()))).toEqual([]);
  });

  it('leaves a gap when the step had two ways in', () => {
    const twoIn: JourneyDraft = { ...chain, edges: [...chain.edges, { id: 'trigger_1-x', source: 'exit_1', sourceExit: 'next', target: 'send_1' }] };
    expect(links(removeElements(twoIn, new Set(['send_1']), new Set()))).not.toContain('trigger_1.next>wait_1');
  });

  it('removes a selected edge alone without touching the steps', () => {
    const next = removeElements(chain, new Set(), new Set(['send_1-next']));
    expect(next.nodes).toHaveLength(4);
    expect(links(next)).toEqual(['trigger_1.next>send_1', 'wait_1.next>exit_1']);
  });
});

describe('pasting', () => {
  it('offsets each paste of one copy further, so none stack on another', () => {
    const copy = copySelection(chain, new Set(['wait_1']));
    const first = pasteClipboard(chain, copy, pasteOffset(1));
    const second = pasteClipboard(first.draft, copy, pasteOffset(2));
    const spots = second.draft.nodes.filter((node) => node.type === 'wait').map((node) => `${node.position?.x},${node.position?.y}`);
    expect(new Set(spots).size).toBe(3);
    expect(spots).toEqual(['0,300', '40,340', '80,380']);
  });

  it('paste through the reducer selects the copies at the given offset', () => {
    const copy = copySelection(chain, new Set(['send_1', 'wait_1']));
    const state = editorReducer(editorReducer(initialEditorState(chain), { kind: 'paste', clipboard: copy, times: 1 }), { kind: 'paste', clipboard: copy, times: 2 });
    expect([...state.selectedNodes]).toEqual(['send_email_2', 'wait_3']);
    expect(state.history.present.nodes.find((node) => node.id === 'wait_3')?.position).toEqual({ x: 80, y: 380 });
    expect(links(state.history.present)).toContain('send_email_2.next>wait_3');
  });
});
