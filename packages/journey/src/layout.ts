import type { JourneyDraft } from './schema';

export const COLUMN_WIDTH = 280;
export const ROW_HEIGHT = 140;

/**
 * A simple layered layout: each node's column is its distance (in steps) from the trigger, rows
 * stack in draft order; nodes the trigger can't reach go in a column after the last.
 */
export function defaultPositions(draft: JourneyDraft): Map<string, { x: number; y: number }> {
  const depth = new Map<string, number>();
  const queue = draft.nodes.filter((node) => node.type === 'trigger').map((node) => node.id);
  for (const id of queue) depth.set(id, 0);
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const edge of draft.edges) {
      if (edge.source !== id || depth.has(edge.target)) continue;
      depth.set(edge.target, (depth.get(id) ?? 0) + 1);
      queue.push(edge.target);
    }
  }
  const lastColumn = Math.max(-1, ...depth.values()) + 1;
  const rowsUsed = new Map<number, number>();
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of draft.nodes) {
    const column = depth.get(node.id) ?? lastColumn;
    const row = rowsUsed.get(column) ?? 0;
    rowsUsed.set(column, row + 1);
    positions.set(node.id, { x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT });
  }
  return positions;
}
