import './publish.css';
import { useMemo } from 'react';
import { diffJourneys, type JourneyDraft } from '@lifecycle/journey';
import { useJourneyVersion } from '../../api/journeys';
import { useReferenceNames } from '../useReferenceNames';

/**
 * Whether the draft being edited differs from the live version, recomputed as you edit: "Draft differs from live v3 ·
 * 2 changes", or "Same as live v3". Nothing before the first publish.
 */
export function DraftDiffBadge({ journeyId, liveVersionId, draft }: { journeyId: string; liveVersionId: string | null; draft: JourneyDraft }) {
  const live = useJourneyVersion(journeyId, liveVersionId);
  const names = useReferenceNames();
  const diff = useMemo(() => (live.data ? diffJourneys(live.data.graph, draft, names) : null), [live.data, draft, names]);
  if (!live.data || !diff) return null;
  const version = live.data.version;
  const differs = diff.count > 0;
  const text = differs ? `Draft differs from live v${version} · ${diff.count} change${diff.count === 1 ? '' : 's'}` : `Same as live v${version}`;
  const detail = differs
    ? [`${diff.added.length} added`, `${diff.removed.length} removed`, `${diff.changed.length} changed`, `${diff.rewired.length} rewired`, ...(diff.goal ? ['goal changed'] : [])].join(', ')
    : 'Publishing now would make an identical version';
  return (
    <span className={`badge draft-diff-badge${differs ? ' differs' : ''}`} role="status" title={detail}>
      {text}
    </span>
  );
}
