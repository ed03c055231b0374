import { getJourneyVersion, runsInFlightOf, type Db, type RunInFlight } from '@lifecycle/db';
import { JourneyGraph, type InFlightPolicy, type JourneyNode } from '@lifecycle/journey';
import { HttpError } from '../errors';

type Mapping = Extract<InFlightPolicy, { policy: 'migrate' }>['mappings'][number];

/** Nodes a run can wait in: the nodes a migration maps. */
export function isWaitingNode(node: JourneyNode): boolean {
  return node.type === 'wait' || node.type === 'wait_for_event';
}

/** One waiting node of an older version: how many runs wait there and where they would land. */
export type PlannedNode = { nodeId: string; nodeType: string; label: string | null; waiting: number; proposed: string | null; target: string | null };
/** One older version with runs in flight. */
export type PlannedVersion = {
  versionId: string;
  version: number;
  runsInFlight: number;
  nodes: PlannedNode[];
  /** Runs between steps or in a step that is not a wait: they move when they next reach a mapped wait. */
  atNextWait: number;
  /** Runs waiting at a node with no target: they stay on their version. */
  unmapped: number;
};
export type MigrationPlan = {
  target: { nodes: { id: string; type: string; label: string | null }[] };
  versions: PlannedVersion[];
  totals: { move: number; atNextWait: number; unmapped: number };
};

/**
 * Who would land where if runs in flight on versions other than `targetVersionId` moved to `target` by `mappings`
 * (a version without a mapping: each waiting node goes to the node of the same id, when there is one). Moves nothing.
 */
export async function planMigration(db: Db, journeyId: string, target: JourneyGraph, targetVersionId: string | null, mappings: readonly Mapping[] | undefined): Promise<MigrationPlan> {
  const targetIds = new Set(target.nodes.map((node) => node.id));
  const byVersion = new Map<string, RunInFlight[]>();
  for (const run of await runsInFlightOf(db, journeyId)) {
    if (run.versionId === targetVersionId) continue;
    byVersion.set(run.versionId, [...(byVersion.get(run.versionId) ?? []), run]);
  }
  const versions: PlannedVersion[] = [];
  for (const [versionId, runs] of byVersion) {
    const stored = await getJourneyVersion(db, journeyId, versionId);
    const graph = stored && JourneyGraph.safeParse(stored.graph);
    if (!stored || !graph?.success) continue; // a version that no longer parses cannot be mapped; its runs keep it
    const chosen = mappings?.find((mapping) => mapping.fromVersionId === versionId)?.nodes;
    const nodes = graph.data.nodes.filter(isWaitingNode).map((node): PlannedNode => {
      const proposed = targetIds.has(node.id) ? node.id : null;
      const picked = chosen ? (chosen[node.id] ?? null) : proposed;
      return {
        nodeId: node.id,
        nodeType: node.type,
        label: node.label ?? null,
        waiting: runs.filter((run) => run.status === 'waiting' && run.currentNodeId === node.id).length,
        proposed,
        target: picked !== null && targetIds.has(picked) ? picked : null,
      };
    });
    const waitingIds = new Set(nodes.map((node) => node.nodeId));
    const atNextWait = runs.filter((run) => !(run.status === 'waiting' && run.currentNodeId !== null && waitingIds.has(run.currentNodeId))).length;
    const unmapped = nodes.filter((node) => node.target === null).reduce((sum, node) => sum + node.waiting, 0);
    versions.push({ versionId, version: stored.version, runsInFlight: runs.length, nodes, atNextWait, unmapped });
  }
  versions.sort((a, b) => b.version - a.version);
  const sum = (pick: (version: PlannedVersion) => number) => versions.reduce((total, version) => total + pick(version), 0);
  return {
    target: { nodes: target.nodes.map((node) => ({ id: node.id, type: node.type, label: node.label ?? null })) },
    versions,
    totals: { move: sum((v) => v.nodes.reduce((t, n) => t + (n.target ? n.waiting : 0), 0)), atNextWait: sum((v) => v.atNextWait), unmapped: sum((v) => v.unmapped) },
  };
}

/** 422 naming the field when a mapping points at a node the new version does not have. */
export function checkMappings(target: JourneyGraph, mappings: readonly Mapping[], field = 'inFlight.mappings'): void {
  const targetIds = new Set(target.nodes.map((node) => node.id));
  for (const [index, mapping] of mappings.entries()) {
    for (const [from, to] of Object.entries(mapping.nodes)) {
      if (!targetIds.has(to)) {
        throw new HttpError(422, 'invalid_request', `${field}.${index}.nodes.${from}: the new version has no node \`${to}\``, {
          issues: [{ path: `${field}.${index}.nodes.${from}`, message: `the new version has no node \`${to}\`` }],
        });
      }
    }
  }
}
