import { useEffect, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';

/** Fit options shared by the first view and every later fit. */
export const fitOptions = { padding: 0.15, maxZoom: 1 };

/**
 * Fits the whole journey into view after an auto-layout (`layoutCount` grew), and when steps first
 * arrive in bulk on an empty canvas (paste, restore); a single dropped step never moves the view.
 */
export function useFitOnLayout(nodeCount: number, layoutCount: number): void {
  const { fitView } = useReactFlow();
  const seen = useRef({ nodeCount, layoutCount });
  useEffect(() => {
    const before = seen.current;
    seen.current = { nodeCount, layoutCount };
    if (layoutCount === before.layoutCount && !(before.nodeCount === 0 && nodeCount >= 2)) return;
    // After the render that placed the nodes, so their sizes are measured.
    const timer = window.setTimeout(() => void fitView({ ...fitOptions, duration: 250 }), 60);
    return () => window.clearTimeout(timer);
  }, [nodeCount, layoutCount, fitView]);
}
