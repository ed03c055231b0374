import { describe, expect, it } from 'vitest';
import { welcomeJourney } from './examples';
import type { Problem, ProblemCode } from './problems';
import type { DraftNode, JourneyDraft, JourneyEdge } from './schema';
import { validateJourney } from './validate';

const ids = { welcomeTemplateId: 'tpl_welcome', codeTemplateId: 'tpl_code', reminderTemplateId: 'tpl_reminder', offerId: 'off_10' };
const known = { templateIds: new Set(['tpl_welcome', 'tpl_code', 'tpl_reminder']), offerIds: new Set(['off_10']) };

function problemsOf(draft: JourneyDraft): Problem[] {
  const result = validateJourney(draft, known);
  return result.ok ? [] : result.problems;
}
function codes(draft: JourneyDraft): ProblemCode[] {
  return problemsOf(draft).map((problem) => problem.code);
}
function withNode(draft: JourneyDraft, id: string, change: (node: DraftNode) => DraftNode): JourneyDraft {
  return { ...draft, nodes: draft.nodes.map((node) => (node.id === id ? change(node) : node)) };
}
function withoutEdge(draft: JourneyDraft, id: string): JourneyDraft {
  return { ...draft, edges: draft.edges.filter((edge) => edge.id !== id) };
}
function withEdge(draft: JourneyDraft, edge: Omit<JourneyEdge, 'id'>): JourneyDraft {
  return { ...draft, edges: [...draft.edges, { id: `${edge.source}-${edge.sourceExit}-extra`, ...edge }] };
}
const welcome = welcomeJourney(ids);

describe('validateJourney', () => {
  it('accepts the welcome journey and returns the strictly parsed graph', () => {
    const result = validateJourney(welcome, known);
    expect(result).toMatchObject({ ok: true, problems: [] });
    if (!result.ok) return;
    expect(result.graph.nodes.map((node) => node.id)).toEqual(welcome.nodes.map((node) => node.id));
    expect(result.graph.nodes[0]).toMatchObject({ type: 'trigger', reentry: { policy: 'once' } });
  });

  it('turns half-configured nodes into readable field problems', () => {
    const draft = withNode(
      withNode(welcome, 'wait_open', ({ timeout: _timeout, ...node }) => node),
      'wait_2d',
      (node) => ({ ...node, duration: { amount: -1, unit: 'days' } }),
    );
    const problems = problemsOf(draft);
    expect(problems).toContainEqual({
      nodeId: 'wait_open',
      field: 'timeout',
      code: 'invalid_node',
      message: 'Set a timeout: how long to wait before taking the timed-out exit',
    });
    const amount = problems.find((problem) => problem.nodeId === 'wait_2d');
    expect(amount).toMatchObject({ field: 'duration.amount', code: 'invalid_node' });
    expect(amount?.message).toBe('A wait must be longer than 0 days');
  });

  it('explains a half-built rule inside a condition', () => {
    const draft = withNode(welcome, 'trigger', (node) => ({
      ...node,
      conditions: { match: 'all', conditions: [{ source: 'trait', path: 'plan', op: 'equals' }] },
    }));
    expect(problemsOf(draft)).toEqual([
      expect.objectContaining({ nodeId: 'trigger', field: 'conditions.conditions.0.op', code: 'invalid_node' }),
    ]);
  });

  it('needs exactly one trigger', () => {
    const noTrigger = { ...welcome, nodes: welcome.nodes.filter((node) => node.type !== 'trigger') };
    expect(codes(noTrigger)).toContain('no_trigger');
    const twoTriggers = withEdge(
      { ...welcome, nodes: [...welcome.nodes, { id: 'trigger_2', type: 'trigger', event: 'ordered' }] },
      { source: 'trigger_2', sourceExit: 'next', target: 'send_welcome' },
    );
    expect(problemsOf(twoTriggers)).toEqual([expect.objectContaining({ nodeId: 'trigger_2', code: 'multiple_triggers' })]);
    expect(codes(welcome)).not.toContain('no_trigger');
  });

  it('rejects duplicate node ids', () => {
    const draft = { ...welcome, nodes: [...welcome.nodes, { id: 'exit_reminded', type: 'exit' as const }] };
    expect(codes(draft)).toContain('duplicate_node_id');
    expect(codes(welcome)).not.toContain('duplicate_node_id');
  });

  it('rejects edges to or from steps that do not exist', () => {
    const draft = withEdge(withEdge(welcome, { source: 'ghost', sourceExit: 'next', target: 'send_code' }), {
      source: 'exit_reminded',
      sourceExit: 'next',
      target: 'nowhere',
    });
    const unknown = problemsOf(draft).filter((problem) => problem.code === 'unknown_node');
    expect(unknown.map((problem) => problem.field)).toEqual(['edges.8.source', 'edges.9.target']);
  });

  it('rejects an edge leaving by an exit the step does not have', () => {
    const draft = withEdge(withoutEdge(welcome, 'send_code-next'), {
      source: 'send_code',
      sourceExit: 'matched',
      target: 'exit_converted',
    });
    expect(problemsOf(draft)).toContainEqual(expect.objectContaining({ nodeId: 'send_code', code: 'unknown_exit' }));
  });

  it('rejects an exit connected to two steps', () => {
    const draft = withEdge(welcome, { source: 'send_reminder', sourceExit: 'next', target: 'exit_converted' });
    expect(problemsOf(draft)).toEqual([expect.objectContaining({ nodeId: 'send_reminder', code: 'duplicate_exit_target' })]);
  });

  it('names the exit that leads nowhere', () => {
    const draft = withoutEdge(withoutEdge(welcome, 'wait_open-timed_out'), 'send_reminder-next');
    const problems = problemsOf(draft);
    expect(problems).toContainEqual({
      nodeId: 'wait_open',
      field: null,
      code: 'dangling_exit',
      message: "The 'timed_out' exit of 'Opened the welcome email?' leads nowhere: connect it to a step or an Exit",
    });
    // every problem is listed, not just the first
    expect(problems.map((problem) => [problem.nodeId, problem.code])).toEqual(
      expect.arrayContaining([
        ['send_reminder', 'unreachable_node'],
        ['exit_reminded', 'unreachable_node'],
      ]),
    );
  });

  it('flags steps the trigger cannot reach', () => {
    const draft = { ...welcome, nodes: [...welcome.nodes, { id: 'orphan', type: 'exit' as const }] };
    expect(problemsOf(draft)).toEqual([expect.objectContaining({ nodeId: 'orphan', code: 'unreachable_node' })]);
  });

  it('rejects a loop with no wait but allows one through a wait', () => {
    const split: DraftNode = {
      id: 'ab',
      type: 'random_split',
      arms: [
        { id: 'a', weight: 1 },
        { id: 'b', weight: 1 },
      ],
    };
    const base = withoutEdge({ ...welcome, nodes: [...welcome.nodes, split] }, 'send_code-next');
    const tightLoop = withEdge(
      withEdge(withEdge(base, { source: 'send_code', sourceExit: 'next', target: 'ab' }), {
        source: 'ab',
        sourceExit: 'a',
        target: 'grant_offer',
      }),
      { source: 'ab', sourceExit: 'b', target: 'exit_converted' },
    );
    expect(problemsOf(tightLoop)).toEqual([expect.objectContaining({ nodeId: 'grant_offer', code: 'cycle_without_wait' })]);

    const loopWithWait = withEdge(
      withEdge(withEdge(base, { source: 'send_code', sourceExit: 'next', target: 'ab' }), {
        source: 'ab',
        sourceExit: 'a',
        target: 'wait_2d',
      }),
      { source: 'ab', sourceExit: 'b', target: 'exit_converted' },
    );
    expect(validateJourney(loopWithWait, known).ok).toBe(true);
  });

  it('rejects templates and offers that do not exist', () => {
    const draft = withNode(
      withNode(welcome, 'send_code', (node) => ({ ...node, templateId: 'tpl_gone' })),
      'grant_offer',
      (node) => ({
        ...node,
        offerId: 'off_gone',
      }),
    );
    expect(problemsOf(draft)).toEqual([
      expect.objectContaining({ nodeId: 'grant_offer', field: 'offerId', code: 'unknown_offer' }),
      expect.objectContaining({ nodeId: 'send_code', field: 'templateId', code: 'unknown_template' }),
    ]);
  });

  it('needs an email wait to point at a send step of this journey', () => {
    const draft = withNode(welcome, 'wait_open', (node) => ({ ...node, awaited: { kind: 'email_clicked', sendNodeId: 'wait_2d' } }));
    expect(problemsOf(draft)).toEqual([
      expect.objectContaining({ nodeId: 'wait_open', field: 'awaited.sendNodeId', code: 'unknown_send_node' }),
    ]);
    const clicked = withNode(welcome, 'wait_open', (node) => ({
      ...node,
      awaited: { kind: 'email_clicked', sendNodeId: 'send_reminder' },
    }));
    expect(validateJourney(clicked, known).ok).toBe(true);
  });

  it('takes which named events a wait counts: since the step (default), since the run started, or a look-back window', () => {
    const awaiting = (countFrom: unknown) =>
      withNode(welcome, 'wait_open', (node) => ({ ...node, awaited: { kind: 'event', event: 'pricing_viewed', countFrom } }));
    for (const countFrom of [undefined, { from: 'step_entry' }, { from: 'run_start' }, { from: 'look_back', window: { amount: 6, unit: 'hours' } }]) {
      expect(validateJourney(awaiting(countFrom), known).ok).toBe(true);
    }
    expect(problemsOf(awaiting({ from: 'look_back' }))).toEqual([
      expect.objectContaining({
        nodeId: 'wait_open',
        field: 'awaited.countFrom.window',
        message: 'Set the look-back window: how long before this step an event still counts',
      }),
    ]);
    expect(problemsOf(awaiting({ from: 'look_back', window: { amount: -1, unit: 'hours' } }))).toEqual([
      expect.objectContaining({ nodeId: 'wait_open', field: 'awaited.countFrom.window.amount', code: 'invalid_node' }),
    ]);
    expect(problemsOf(awaiting({ from: 'yesterday' }))).toEqual([expect.objectContaining({ nodeId: 'wait_open', field: 'awaited.countFrom.from' })]);
  });
});
