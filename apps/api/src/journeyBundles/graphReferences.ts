import type { JourneyDraft } from '@lifecycle/journey';

/** Which list of a bundle a graph reference points into. */
export type ReferenceList = 'templates' | 'offers' | 'segments';
/** One reference a graph holds: where (a path under the graph) and to what. */
export type GraphReference = { list: ReferenceList; path: (string | number)[]; value: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every template, offer and segment a graph points at: send steps, offer steps, segment and schedule entries, a segment goal. */
export function referencesOf(graph: JourneyDraft): GraphReference[] {
  const found: GraphReference[] = [];
  graph.nodes.forEach((node: Record<string, unknown>, index) => {
    if (node.type === 'send_email' && typeof node.templateId === 'string') found.push({ list: 'templates', path: ['nodes', index, 'templateId'], value: node.templateId });
    if (node.type === 'offer' && typeof node.offerId === 'string') found.push({ list: 'offers', path: ['nodes', index, 'offerId'], value: node.offerId });
    const entry = node.entry;
    if (node.type === 'trigger' && isRecord(entry) && typeof entry.segmentId === 'string') found.push({ list: 'segments', path: ['nodes', index, 'entry', 'segmentId'], value: entry.segmentId });
  });
  const goal = graph.goal;
  if (goal && 'segmentId' in goal) found.push({ list: 'segments', path: ['goal', 'segmentId'], value: goal.segmentId });
  return found;
}

/**
 * The graph with every reference replaced by `map(list, value)` (a copy; the input is untouched). A reference the map
 * answers undefined for is removed, leaving the step half configured (the editor asks for it) rather than pointing at
 * something that is not there. A goal cannot be half configured (a draft's goal is complete or absent), so a goal whose
 * segment is gone is removed whole.
 */
export function mapReferences(graph: JourneyDraft, map: (list: ReferenceList, value: string) => string | undefined): JourneyDraft {
  const copy = structuredClone(graph);
  for (const reference of referencesOf(graph)) {
    const holderPath = reference.path.slice(0, -1);
    const key = reference.path.at(-1) as string;
    let holder: Record<string, unknown> = copy;
    for (const step of holderPath) holder = (holder as Record<string | number, unknown>)[step] as Record<string, unknown>;
    const mapped = map(reference.list, reference.value);
    if (mapped === undefined && reference.path[0] === 'goal') delete copy.goal;
    else if (mapped === undefined) delete holder[key];
    else holder[key] = mapped;
  }
  return copy;
}
