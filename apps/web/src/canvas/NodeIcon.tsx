import type { NodeType } from '@lifecycle/journey';

/** Stroke paths on a 24×24 grid, one small drawing per node type (SVG: the machine may have no emoji font). */
const paths: Record<NodeType, string> = {
  trigger: 'M13 2 4 14h7l-1 8 9-12h-7z',
  send_email: 'M3 6h18v12H3z M3 7l9 6 9-6',
  wait: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M12 7v5l3 2',
  wait_for_event: 'M6 3h12 M6 21h12 M7 3c0 5 10 5 10 9s-10 4-10 9 M17 3c0 5-10 5-10 9',
  condition_split: 'M12 3v7 M12 10 5 17v4 M12 10l7 7v4',
  random_split: 'M3 7h4l10 10h4 M3 17h4l10-10h4 M18 4l3 3-3 3 M18 14l3 3-3 3',
  offer: 'M20 12 12 20 3 11V3h8z M7.5 7.5h.01',
  update_customer: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21c0-4 4-6 8-6 M15 21l1-3 4-4 2 2-4 4z',
  // A hook-shaped link: a call to another system; a bell with a person's head: the team is told.
  webhook: 'M10 13a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1 M14 11a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1',
  notify_team: 'M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9 M13.7 21a2 2 0 0 1-3.4 0',
  exit: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M9 9h6v6H9z',
};

/** The small icon drawn on a node of the given type. */
export function NodeIcon({ type }: { type: NodeType }) {
  return (
    <svg className="node-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path d={paths[type]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
