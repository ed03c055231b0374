import { useCallback } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { nodeHeight, nodeWidth } from '../canvas/layout';

/**
 * The smallest zoom a fit may choose: node body text is 12 px, so it stays at least 11 px on screen. A journey too
 * big for the canvas at this zoom shows its start, and the rest is a pan away.
 */
export const readableZoom = 11 / 12;
const padding = 32;

type Box = { x: number; y: number; width: number; height: number };

/** The viewport that shows `bounds` in a `width`×`height` canvas: whole when it fits readably, else its top, centred. */
export function readableViewport(bounds: Box, width: number, height: number): { x: number; y: number; zoom: number } {
  const fits = Math.min(1, (width - 2 * padding) / bounds.width, (height - 2 * padding) / bounds.height);
  const zoom = Math.max(readableZoom, fits);
  const x = (width - bounds.width * zoom) / 2 - bounds.x * zoom;
  const y = bounds.height * zoom <= height - 2 * padding ? (height - bounds.height * zoom) / 2 - bounds.y * zoom : padding - bounds.y * zoom;
  return { x, y, zoom };
}

/** Fits the journey into the canvas without zooming out past readable text. */
export function useReadableFit(): (duration?: number) => void {
  const flow = useReactFlow();
  const store = useStoreApi();
  return useCallback(
    (duration = 0) => {
      const nodes = flow.getNodes();
      const { width, height } = store.getState();
      if (nodes.length === 0 || width === 0 || height === 0) return;
      const left = Math.min(...nodes.map((node) => node.position.x));
      const top = Math.min(...nodes.map((node) => node.position.y));
      const right = Math.max(...nodes.map((node) => node.position.x + (node.measured?.width ?? nodeWidth)));
      const bottom = Math.max(...nodes.map((node) => node.position.y + (node.measured?.height ?? nodeHeight)));
      void flow.setViewport(readableViewport({ x: left, y: top, width: right - left, height: bottom - top }, width, height), { duration });
    },
    [flow, store],
  );
}
