import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from '../components/Loading';

// React Flow and dagre are most of the bundle; load them when a page first draws a journey.
const JourneyCanvas = lazy(async () => ({ default: (await import('./JourneyCanvas')).JourneyCanvas }));

/** JourneyCanvas, loaded on first use. */
export function LazyJourneyCanvas(props: ComponentProps<typeof JourneyCanvas>) {
  return (
    <Suspense fallback={<Loading what="the canvas" />}>
      <JourneyCanvas {...props} />
    </Suspense>
  );
}
