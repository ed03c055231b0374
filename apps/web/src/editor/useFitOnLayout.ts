import { useEffect, useRef } from 'react';
import { useNodesInitialized } from '@xyflow/react';
import { useReadableFit } from './readableFit';

/**
 * Fits the journey into view (never past readable text) when the editor opens on a journey with steps
 * (`fitOnOpen`), after an auto-layout (`layoutCount` grew), and when steps first arrive in bulk on an empty canvas
 * (paste, restore); a single dropped step never moves the view. A fit waits until the nodes are measured.
 */
export function useFitOnLayout(nodeCount: number, layoutCount: number, fitOnOpen: boolean): void {
  const fit = useReadableFit();
  const initialized = useNodesInitialized();
  const seen = useRef({ nodeCount, layoutCount });
  // The fit owed, as its animation length in ms, until the nodes are measured.
  const owed = useRef<number | null>(fitOnOpen ? 0 : null);
  useEffect(() => {
    const before = seen.current;
    seen.current = { nodeCount, layoutCount };
    if (layoutCount !== before.layoutCount || (before.nodeCount === 0 && nodeCount >= 2)) owed.current = 250;
    const duration = owed.current;
    if (duration === null || !initialized) return;
    owed.current = null;
    // After the browser laid out the measured nodes; not cancelled by a re-render, which would lose the fit.
    window.requestAnimationFrame(() => fit(duration));
  }, [nodeCount, layoutCount, initialized, fit]);
}
