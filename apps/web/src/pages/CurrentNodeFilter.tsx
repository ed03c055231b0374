import { useMemo } from 'react';
import { nodeNamesOf } from '@lifecycle/journey';
import type { JourneyDetail } from '../api/journeys';
import { useJourneyVersion } from '../api/journeys';
import { useReferenceNames } from '../editor/useReferenceNames';

/**
 * The runs filter's "Current node": a choice of the journey's steps by name once a journey is chosen (the chosen
 * version's, else the newest one's), a node id to type otherwise. The step's id stays the value, and shows on hover.
 */
export function CurrentNodeFilter({ journey, versionId, value, onChange }: { journey: JourneyDetail | undefined; versionId: string; value: string; onChange: (nodeId: string) => void }) {
  const shownVersion = versionId || journey?.versions[0]?.id || null;
  const version = useJourneyVersion(journey?.id ?? '', journey ? shownVersion : null);
  const names = useReferenceNames();
  const steps = useMemo(() => {
    const graph = version.data?.graph;
    return graph ? Object.entries(nodeNamesOf(graph, names)) : [];
  }, [version.data, names]);
  if (!journey) {
    return (
      <label>
        Current step
        <input type="search" value={value} placeholder="node id" onChange={(event) => onChange(event.target.value.trim())} />
      </label>
    );
  }
  // A node of another version (from a shared link) stays chosen, shown by its id.
  const unknown = value !== '' && !steps.some(([id]) => id === value);
  return (
    <label>
      Current step
      <select value={value} title={value ? `Node id: ${value}` : 'Any step'} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any step</option>
        {steps.map(([id, name]) => (
          <option key={id} value={id} title={`Node id: ${id}`}>
            {name}
          </option>
        ))}
        {unknown && <option value={value}>{value}</option>}
      </select>
    </label>
  );
}
