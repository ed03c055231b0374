import { useLifecycleConfig } from '../../api/lifecycle';
import { useSegments } from '../../api/segments';

/** The internal lifecycle events a trigger can start on, offered beside the names seen in traffic. */
export const LIFECYCLE_EVENT_NAMES = ['segment_entered', 'segment_exited', 'stage_entered'];

/** Under a trigger's event name: which condition picks the segment or stage, with the ids to use. */
export function LifecycleTriggerHint({ event }: { event: unknown }) {
  const isSegment = event === 'segment_entered' || event === 'segment_exited';
  const segments = useSegments().data ?? [];
  const stages = useLifecycleConfig().data?.stages ?? [];
  if (!isSegment && event !== 'stage_entered') return null;
  return (
    <div className="muted" role="note">
      {isSegment ? (
        <>Add a condition on the event property <code>segmentId</code> equal to one of: {segments.map((s) => <span key={s.id}><code>{s.id}</code> ({s.name}) </span>)}</>
      ) : (
        <>Add a condition on the event property <code>stage</code> equal to one of: {stages.map((stage) => <code key={stage}>{stage} </code>)}</>
      )}
    </div>
  );
}
