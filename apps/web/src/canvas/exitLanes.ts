import { draftExits, type JourneyDraft } from '@lifecycle/journey';
import { nodeHeight, nodeWidth, type EdgeRoute } from './layout';

type Point = { x: number; y: number };
const gap = 20;

/**
 * An exit that leads to a step another exit's branch also reaches (where branches join) is a long edge, and dagre may
 * route it down the wrong side: `timed out` passing left of the `matched` branch, crossing its wire. This moves such a
 * route to the outside of the branch beside it, so exits still lead left to right as on the card.
 */
export function keepLaneSides(draft: JourneyDraft, positions: ReadonlyMap<string, Point>, routes: ReadonlyMap<string, EdgeRoute>): Map<string, EdgeRoute> {
  const kept = new Map(routes);
  const centre = (id: string) => (positions.get(id)?.x ?? 0) + nodeWidth / 2;
  for (const node of draft.nodes) {
    const wires = draftExits(node).flatMap((exit) => draft.edges.filter((edge) => edge.source === node.id && edge.sourceExit === exit));
    if (wires.length < 2) continue;
    const lane = (wire: (typeof wires)[number]) => {
      const bends = kept.get(wire.id)?.bends ?? [];
      return bends.length ? bends.reduce((sum, bend) => sum + bend.x, 0) / bends.length : centre(wire.target);
    };
    wires.forEach((wire, index) => {
      const before = wires[index - 1];
      if (!before || lane(before) <= lane(wire)) return;
      // The wire with bends is the long one: it goes round the other's branch, on the side its exit is on.
      const [long, other, side] = (kept.get(wire.id)?.bends.length ?? 0) > 0 ? [wire, before, 1] : [before, wire, -1];
      const route = kept.get(long.id);
      if (!route || route.bends.length === 0) return;
      const top = Math.min(...route.bends.map((bend) => bend.y));
      const bottom = Math.max(...route.bends.map((bend) => bend.y));
      const [low, high] = [Math.min(lane(long), lane(other)), Math.max(lane(long), lane(other))];
      // The steps beside the route (vertically) and between it and the other exit's lane.
      const beside = [...positions].filter(([id, at]) => at.y < bottom && at.y + nodeHeight > top && centre(id) >= low && centre(id) <= high).map(([, at]) => at.x);
      if (beside.length === 0) return;
      const x = side > 0 ? Math.max(...beside) + nodeWidth + gap : Math.min(...beside) - gap;
      kept.set(long.id, { bends: route.bends.map((bend) => ({ x, y: bend.y })), labelAt: route.labelAt ? { x, y: route.labelAt.y } : null });
    });
  }
  return kept;
}
