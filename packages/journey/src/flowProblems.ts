import { stepName, type Problem } from './problems';
import { isWaitingNode, type DraftNode, type JourneyEdge } from './schema';

/** Steps no customer can reach from the trigger, and loops a customer would spin around with no wait. */
export function flowProblems(nodes: readonly DraftNode[], edges: readonly JourneyEdge[]): Problem[] {
  const byId = new Map(nodes.map((node) => [node.id, node] as const));
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    if (!byId.has(edge.source) || !byId.has(edge.target)) continue;
    next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  }
  return [...unreachableProblems(byId, next), ...cycleProblems(byId, next)];
}

function unreachableProblems(byId: ReadonlyMap<string, DraftNode>, next: ReadonlyMap<string, string[]>): Problem[] {
  const triggers = [...byId.values()].filter((node) => node.type === 'trigger');
  if (triggers.length === 0) return []; // `no_trigger` already says it; flagging every step would be noise
  const reached = new Set(triggers.map((node) => node.id));
  const queue = [...reached];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const target of next.get(id) ?? []) {
      if (!reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  return [...byId.values()]
    .filter((node) => !reached.has(node.id))
    .map((node) => ({
      nodeId: node.id,
      field: null,
      code: 'unreachable_node' as const,
      message: `No path from the trigger reaches ${stepName(node)}: connect it or delete it`,
    }));
}

function cycleProblems(byId: ReadonlyMap<string, DraftNode>, next: ReadonlyMap<string, string[]>): Problem[] {
  return stronglyConnected([...byId.keys()], next)
    .filter((component) => component.length > 1 || (next.get(component[0] ?? '') ?? []).includes(component[0] ?? ''))
    .filter((component) => !component.some((id) => isWaitingNode(byId.get(id)!.type)))
    .map((component) => {
      const names = component.map((id) => stepName(byId.get(id)!)).join(', ');
      return {
        nodeId: component[0] ?? null,
        field: null,
        code: 'cycle_without_wait' as const,
        message: `These steps loop with no wait between them: ${names}. Add a Wait to the loop so a customer can't cycle forever`,
      };
    });
}

/** Tarjan's strongly connected components, iterative so a long chain can't overflow the stack; members keep input order. */
function stronglyConnected(ids: readonly string[], next: ReadonlyMap<string, string[]>): string[][] {
  const order = new Map(ids.map((id, position) => [id, position] as const));
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; child: number }[] = [{ id: root, child: 0 }];
    index.set(root, counter);
    lowLink.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = next.get(frame.id) ?? [];
      if (frame.child < targets.length) {
        const target = targets[frame.child++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          lowLink.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, child: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.id, Math.min(lowLink.get(parent.id)!, lowLink.get(frame.id)!));
      if (lowLink.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component.sort((a, b) => order.get(a)! - order.get(b)!));
      }
    }
  }
  return components;
}
