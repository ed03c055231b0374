import { describe, expect, it } from 'vitest';
import { flowToGraph, graphToFlow } from './canvas';
import { welcomeJourney } from './examples';
import { COLUMN_WIDTH } from './layout';

const welcome = welcomeJourney({ welcomeTemplateId: 'w', codeTemplateId: 'c', reminderTemplateId: 'r', offerId: 'o' });

describe('canvas mapping', () => {
  it('maps nodes and edges to React Flow shape', () => {
    const flow = graphToFlow(welcome);
    expect(flow.nodes[1]).toMatchObject({ id: 'send_welcome', type: 'send_email', data: { node: { templateId: 'w' } } });
    expect(flow.edges.find((edge) => edge.id === 'wait_open-timed_out')).toEqual({
      id: 'wait_open-timed_out',
      source: 'wait_open',
      target: 'send_reminder',
      sourceHandle: 'timed_out',
      label: 'timed out',
    });
    expect(flow.edges[0]).not.toHaveProperty('label');
  });

  it('lays out unpositioned nodes in columns by depth from the trigger', () => {
    const positions = new Map(graphToFlow(welcome).nodes.map((node) => [node.id, node.position]));
    expect(positions.get('trigger')).toEqual({ x: 0, y: 0 });
    expect(positions.get('wait_open')?.x).toBe(3 * COLUMN_WIDTH);
    expect(positions.get('grant_offer')?.x).toBe(4 * COLUMN_WIDTH);
    expect(positions.get('send_reminder')?.x).toBe(4 * COLUMN_WIDTH);
    expect(positions.get('grant_offer')?.y).not.toBe(positions.get('send_reminder')?.y);
  });

  it('round-trips a draft with positions and a goal unchanged', () => {
    const positioned = {
      ...welcome,
      goal: { event: 'purchased' },
      nodes: welcome.nodes.map((node, index) => ({ ...node, position: { x: index * 10, y: 5 } })),
    };
    const flow = graphToFlow(positioned);
    expect(flowToGraph(flow.nodes, flow.edges, positioned.goal)).toEqual(positioned);
  });

  it('keeps where the user dragged a node', () => {
    const flow = graphToFlow(welcome);
    const moved = flow.nodes.map((node) => (node.id === 'wait_2d' ? { ...node, position: { x: 999, y: 42 } } : node));
    const draft = flowToGraph(moved, flow.edges);
    expect(draft.nodes.find((node) => node.id === 'wait_2d')?.position).toEqual({ x: 999, y: 42 });
    expect(draft.edges).toEqual(welcome.edges);
    expect(draft).not.toHaveProperty('goal');
  });
});
