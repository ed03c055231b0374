import { draftExits, type JourneyDraft } from '@lifecycle/journey';
import { nodeWidth } from './layout';

type Point = { x: number; y: number };

const gap = 40;

/** Every node reachable from `start` without going through `stop`. */
function reachable(draft: JourneyDraft, start: string, stop: string): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const edge of draft.edges) {
      if (edge.source !== id || edge.target === stop || seen.has(edge.target)) continue;
      seen.add(edge.target);
      queue.push(edge.target);
    }
  }
  return seen;
}

/**
 * dagre orders siblings to shorten edges, so a wait's `timed out` branch can land left of its `matched` one, the
 * opposite of the handles on the card. This puts the steps each exit leads to (with the steps only they lead to)
 * side by side in the order of the exits, left to right, in the room the branches had.
 */
export function keepExitSides(draft: JourneyDraft, positions: ReadonlyMap<string, Point>): Map<string, Point> {
  const placed = new Map(positions);
  const byTop = [...draft.nodes].sort((a, b) => (placed.get(a.id)?.y ?? 0) - (placed.get(b.id)?.y ?? 0));
  for (const node of byTop) {
    const targets = draftExits(node)
      .map((exit) => draft.edges.find((edge) => edge.source === node.id && edge.sourceExit === exit)?.target)
      .filter((target): target is string => target !== undefined && target !== node.id && placed.has(target));
    if (targets.length < 2 || new Set(targets).size !== targets.length) continue;
    const xs = targets.map((target) => placed.get(target)?.x ?? 0);
    if (xs.every((x, index) => index === 0 || (xs[index - 1] ?? 0) <= x)) continue;
    const reached = targets.map((target) => reachable(draft, target, node.id));
    // A step two branches both reach (where they join again) stays where it is.
    const groups = reached.map((own, index) => [...own].filter((id) => reached.every((other, at) => at === index || !other.has(id))));
    const bounds = groups.map((group) => {
      const groupXs = group.map((id) => placed.get(id)?.x ?? 0);
      return { min: Math.min(...groupXs), max: Math.max(...groupXs) + nodeWidth };
    });
    let cursor = Math.min(...bounds.map((bound) => bound.min));
    groups.forEach((group, index) => {
      const bound = bounds[index];
      if (!bound) return;
      const dx = cursor - bound.min;
      cursor += bound.max - bound.min + gap;
      for (const id of group) {
        const at = placed.get(id);
        if (at) placed.set(id, { x: at.x + dx, y: at.y });
      }
    });
  }
  return placed;
}
