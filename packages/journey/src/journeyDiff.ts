import { z } from 'zod';
import { fieldLabel } from './fieldLabels';
import { describeNode, durationText, type ReferenceNames } from './nodeNames';
import { JourneyNode, type JourneyDraft, type JourneyGoal, type JourneyGraph } from './schema';
import { describeWaitUntil } from './timeWords';

/** One field of a node that changed: its screen label and both values in words. */
export const FieldChange = z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() });
export type FieldChange = z.infer<typeof FieldChange>;
/** A node as the review names it. */
export const DiffNode = z.object({ nodeId: z.string(), type: z.string(), name: z.string() });
export type DiffNode = z.infer<typeof DiffNode>;
export const ChangedNode = DiffNode.extend({ fields: z.array(FieldChange) });
export type ChangedNode = z.infer<typeof ChangedNode>;
/** An exit of a node kept in both graphs that now leads elsewhere (or nowhere, or somewhere it did not). */
export const RewiredExit = z.object({ nodeId: z.string(), name: z.string(), exit: z.string(), before: z.string().nullable(), after: z.string().nullable() });
export type RewiredExit = z.infer<typeof RewiredExit>;
/** What changed from one graph to another, in the words and names the editor uses. */
export const JourneyDiff = z.object({
  added: z.array(DiffNode),
  removed: z.array(DiffNode),
  changed: z.array(ChangedNode),
  rewired: z.array(RewiredExit),
  goal: z.object({ before: z.string().nullable(), after: z.string().nullable() }).nullable(),
  count: z.number().int().describe('how many changes in all: each node added, removed or changed, each exit rewired, the goal'),
});
export type JourneyDiff = z.infer<typeof JourneyDiff>;

type AnyGraph = JourneyGraph | JourneyDraft;
type AnyNode = AnyGraph['nodes'][number];

/** Fields that are not behaviour: where a node sits on the canvas. */
const ignoredFields = new Set(['id', 'type', 'position']);

const typeNames: Record<string, string> = {
  trigger: 'Trigger',
  send_email: 'Send email',
  wait: 'Wait',
  wait_for_event: 'Wait for event',
  condition_split: 'Condition split',
  random_split: 'Random split',
  offer: 'Offer',
  update_customer: 'Update customer',
  webhook: 'Webhook',
  notify_team: 'Notify the team',
  exit: 'Exit',
};

const quoted = (text: string) => `“${text}”`;

/** A node's name: its label, else what it does (a half-configured draft node: its type). */
function nameOf(node: AnyNode, nodes: ReadonlyMap<string, JourneyNode>, names: ReferenceNames): string {
  const label = typeof node.label === 'string' ? node.label.trim() : '';
  if (label) return label;
  const complete = JourneyNode.safeParse(node);
  return complete.success ? describeNode(complete.data, nodes, names) : (typeNames[node.type] ?? node.type);
}

/** JSON with object keys sorted, so two equal values always compare equal. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.keys(inner).sort().map((key) => [key, (inner as Record<string, unknown>)[key]]))
      : inner,
  );
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDuration = (value: unknown): value is { amount: number; unit: 'seconds' } =>
  isPlainObject(value) && typeof value.amount === 'number' && typeof value.unit === 'string' && Object.keys(value).length === 2;

/** A field's value in words: template and offer names instead of ids, durations and waits as the editor says them. */
function valueText(key: string, value: unknown, names: ReferenceNames): string {
  if (value === undefined || value === null) return '(none)';
  if (key === 'templateId' && typeof value === 'string') return quoted(names.templates.get(value) ?? value);
  if (key === 'offerId' && typeof value === 'string') return quoted(names.offers.get(value) ?? value);
  if (isDuration(value)) return durationText(value);
  if (key === 'until' && isPlainObject(value)) {
    try {
      return describeWaitUntil(value as Parameters<typeof describeWaitUntil>[0]);
    } catch {
      return stableJson(value);
    }
  }
  if (typeof value === 'string') return quoted(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : stableJson(value);
}

/** The fields of two versions of a node that differ; nested objects are compared field by field ("Wait for › Event name"). */
function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, names: ReferenceNames, prefix: { field: string; label: string } | null): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => prefix !== null || !ignoredFields.has(key));
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const old = before[key];
    const now = after[key];
    if (stableJson(old) === stableJson(now)) continue;
    const field = prefix ? `${prefix.field}.${key}` : key;
    const label = prefix ? `${prefix.label} › ${fieldLabel(key)}` : fieldLabel(key);
    const kindKept = isPlainObject(old) && isPlainObject(now) && old.kind === now.kind;
    if (isPlainObject(old) && isPlainObject(now) && !isDuration(old) && !isDuration(now) && kindKept && key !== 'until') {
      changes.push(...fieldChanges(old, now, names, { field, label }));
    } else {
      changes.push({ field, label, before: valueText(key, old, names), after: valueText(key, now, names) });
    }
  }
  return changes;
}

/** The exits of a graph: `nodeId exit` → target node id. */
function exitTargets(graph: AnyGraph): Map<string, { nodeId: string; exit: string; target: string }> {
  return new Map(graph.edges.map((edge) => [`${edge.source}\u0000${edge.sourceExit}`, { nodeId: edge.source, exit: edge.sourceExit, target: edge.target }]));
}

/** The goal in words. */
export function goalText(goal: JourneyGoal | undefined): string | null {
  if (!goal) return null;
  const window = goal.window ? ` within ${durationText(goal.window)}` : '';
  if ('segmentId' in goal) return `${goal.kind === 'segment_entered' ? 'Enters' : 'Leaves'} segment ${quoted(goal.segmentId)}${window}`;
  const conditions = goal.conditions && goal.conditions.conditions.length > 0 ? ` (${goal.conditions.conditions.length} condition(s))` : '';
  return `Event ${quoted(goal.event)}${conditions}${window}`;
}

function completeNodes(graph: AnyGraph): Map<string, JourneyNode> {
  const nodes = new Map<string, JourneyNode>();
  for (const node of graph.nodes) {
    const parsed = JourneyNode.safeParse(node);
    if (parsed.success) nodes.set(node.id, parsed.data);
  }
  return nodes;
}

/**
 * What changed from `before` (the live version; null before the first publish) to `after` (the draft): nodes added,
 * removed and changed (each field before → after, by its screen label), exits rewired, the goal. Canvas positions
 * are not changes. Pure: runs in the browser (the draft-differs badge) and the API (the review, the import preview).
 */
export function diffJourneys(before: AnyGraph | null, after: AnyGraph, names: ReferenceNames): JourneyDiff {
  const old = before ?? { nodes: [], edges: [] };
  const oldNodes = new Map(old.nodes.map((node) => [node.id, node]));
  const newNodes = new Map(after.nodes.map((node) => [node.id, node]));
  const oldComplete = completeNodes(old);
  const newComplete = completeNodes(after);
  const oldName = (node: AnyNode) => nameOf(node, oldComplete, names);
  const newName = (node: AnyNode) => nameOf(node, newComplete, names);
  const describe = (node: AnyNode, name: string): DiffNode => ({ nodeId: node.id, type: node.type, name });

  const added = after.nodes.filter((node) => !oldNodes.has(node.id)).map((node) => describe(node, newName(node)));
  const removed = old.nodes.filter((node) => !newNodes.has(node.id)).map((node) => describe(node, oldName(node)));
  const changed: ChangedNode[] = [];
  for (const node of after.nodes) {
    const previous = oldNodes.get(node.id);
    if (!previous) continue;
    // Complete nodes are compared as parsed, so a default the publish filled in (re-entry "once") is no change.
    const was = (oldComplete.get(node.id) ?? previous) as Record<string, unknown>;
    const is = (newComplete.get(node.id) ?? node) as Record<string, unknown>;
    const fields =
      previous.type === node.type
        ? fieldChanges(was, is, names, null)
        : [{ field: 'type', label: 'Step type', before: typeNames[previous.type] ?? previous.type, after: typeNames[node.type] ?? node.type }];
    if (fields.length > 0) changed.push({ ...describe(node, newName(node)), fields });
  }

  const targetName = (id: string | undefined, nodes: Map<string, AnyNode>, name: (node: AnyNode) => string) => {
    if (id === undefined) return null;
    const node = nodes.get(id);
    return node ? name(node) : id;
  };
  const oldExits = exitTargets(old);
  const newExits = exitTargets(after);
  const rewired: RewiredExit[] = [];
  for (const key of [...new Set([...oldExits.keys(), ...newExits.keys()])].sort()) {
    const was = oldExits.get(key);
    const is = newExits.get(key);
    const edge = is ?? was;
    if (!edge || was?.target === is?.target) continue;
    const source = newNodes.get(edge.nodeId);
    if (!source || !oldNodes.has(edge.nodeId)) continue; // exits of added or removed nodes come and go with them
    rewired.push({
      nodeId: edge.nodeId,
      name: newName(source),
      exit: edge.exit,
      before: targetName(was?.target, oldNodes, oldName),
      after: targetName(is?.target, newNodes, newName),
    });
  }

  const goalBefore = goalText(old.goal);
  const goalAfter = goalText(after.goal);
  const goal = stableJson(old.goal ?? null) === stableJson(after.goal ?? null) ? null : { before: goalBefore, after: goalAfter };
  const count = added.length + removed.length + changed.length + rewired.length + (goal ? 1 : 0);
  return { added, removed, changed, rewired, goal, count };
}
