import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { JourneyFlowEdge } from './flowTypes';

type Point = { x: number; y: number };

/** A smooth path through the bends: each bend is a control point, the curve passes between them. */
function smoothPath(points: Point[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let path = `M ${first.x},${first.y}`;
  rest.forEach((point, index) => {
    const next = rest[index + 1];
    path += next ? ` Q ${point.x},${point.y} ${(point.x + next.x) / 2},${(point.y + next.y) / 2}` : ` L ${point.x},${point.y}`;
  });
  return path;
}

/** An edge from an exit handle to the next node, following dagre's bends, labelled with the exit. */
export const RoutedEdge = memo(function RoutedEdge(props: EdgeProps<JourneyFlowEdge>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, style } = props;
  const bends = data?.bends ?? [];
  const [bezier, bezierLabelX, bezierLabelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const path = bends.length === 0 ? bezier : smoothPath([{ x: sourceX, y: sourceY }, { x: sourceX, y: sourceY + 12 }, ...bends, { x: targetX, y: targetY - 12 }, { x: targetX, y: targetY }]);
  const labelAt = data?.labelAt ?? { x: bezierLabelX, y: bezierLabelY };
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} style={style} />
      {data?.text && (
        <EdgeLabelRenderer>
          <div className="edge-label" style={{ transform: `translate(-50%, -50%) translate(${labelAt.x}px, ${labelAt.y}px)` }}>
            {data.text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

/** Edge types at module scope, like nodeTypes. */
export const edgeTypes = { routed: RoutedEdge };
