import { customerNamesById, journeyNamesById, namedVersions, offerNamesById, segmentNamesById, templateNamesById, type Db, type NamedVersion, type Run } from '@lifecycle/db';
import { JourneyGraph, nodeNamesOf, referencedIds, type ReferenceNames } from '@lifecycle/journey';

/** The names a run is shown by, next to the ids it is stored by. */
export type RunNames = {
  journeyName: string;
  version: number | null;
  versionPublishedAt: string | null;
  customerName: string;
  currentNodeName: string | null;
};

/** Node, template and offer names of one version, by id: what the run page shows instead of ids. */
export type VersionNames = { nodes: Record<string, string>; templates: Record<string, string>; offers: Record<string, string> };

/** A version's graph read back from its JSON column; a row that no longer parses is shown by ids. */
function graphOf(version: NamedVersion | undefined): JourneyGraph | undefined {
  const parsed = version ? JourneyGraph.safeParse(version.graph) : undefined;
  return parsed?.success ? parsed.data : undefined;
}

/**
 * Names for a page of runs, in a fixed number of queries however many runs: their versions (with journey names),
 * customers, and the templates and offers those versions' nodes point at.
 */
/** The segment a version's trigger enters on (or whose members a schedule enters), for its name. */
function entrySegmentIds(graph: JourneyGraph): string[] {
  return graph.nodes.flatMap((node) => (node.type === 'trigger' && node.entry && 'segmentId' in node.entry && node.entry.segmentId ? [node.entry.segmentId] : []));
}

export async function nameRuns<R extends Run>(db: Db, rows: R[]): Promise<{ runs: (R & RunNames)[]; byVersion: Map<string, VersionNames> }> {
  const versions = await namedVersions(db, rows.map((row) => row.versionId));
  const orphans = rows.filter((row) => !versions.has(row.versionId)).map((row) => row.journeyId);
  const journeyNames = await journeyNamesById(db, orphans);
  const customers = await customerNamesById(db, rows.map((row) => row.customerId));
  const graphs = new Map([...versions].flatMap(([id, version]) => {
    const graph = graphOf(version);
    return graph ? [[id, graph] as const] : [];
  }));
  const ids = [...graphs.values()].map(referencedIds);
  const names: ReferenceNames = {
    templates: await templateNamesById(db, ids.flatMap((refs) => refs.templateIds)),
    offers: await offerNamesById(db, ids.flatMap((refs) => refs.offerIds)),
    segments: await segmentNamesById(db, [...graphs.values()].flatMap(entrySegmentIds)),
  };
  const byVersion = new Map([...graphs].map(([id, graph]) => [id, versionNames(graph, names)]));
  const runs = rows.map((row) => {
    const version = versions.get(row.versionId);
    const nodes = byVersion.get(row.versionId)?.nodes;
    return {
      ...row,
      journeyName: version?.journeyName ?? journeyNames.get(row.journeyId) ?? row.journeyId,
      version: version?.version ?? null,
      versionPublishedAt: version?.publishedAt ?? null,
      customerName: customers.get(row.customerId) ?? row.customerId,
      currentNodeName: row.currentNodeId ? (nodes?.[row.currentNodeId] ?? row.currentNodeId) : null,
    };
  });
  return { runs, byVersion };
}

function versionNames(graph: JourneyGraph, names: ReferenceNames): VersionNames {
  const { templateIds, offerIds } = referencedIds(graph);
  const pick = (ids: string[], byId: ReadonlyMap<string, string>) => Object.fromEntries(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id) ?? id]] : [])));
  return { nodes: nodeNamesOf(graph, names), templates: pick(templateIds, names.templates), offers: pick(offerIds, names.offers) };
}
