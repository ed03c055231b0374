import { ApplicationFailure } from '@temporalio/workflow';
import type { JourneyGraph, JourneyNode } from '@lifecycle/journey';

/** Node lookups over a pinned graph; a published graph is validated, so a missing node or edge is a bug. */
export class GraphWalk {
  private readonly nodes: Map<string, JourneyNode>;

  constructor(private readonly graph: JourneyGraph) {
    this.nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  }

  trigger(): JourneyNode {
    const trigger = this.graph.nodes.find((node) => node.type === 'trigger');
    if (!trigger) throw ApplicationFailure.nonRetryable('the journey has no trigger', 'InvalidJourney');
    return trigger;
  }

  /** The node the edge leaving `node` by `exit` leads to. */
  next(node: JourneyNode, exit: string): JourneyNode {
    const edge = this.graph.edges.find((candidate) => candidate.source === node.id && candidate.sourceExit === exit);
    const target = edge && this.nodes.get(edge.target);
    if (!target) throw ApplicationFailure.nonRetryable(`no node follows \`${node.id}\` by exit \`${exit}\``, 'InvalidJourney');
    return target;
  }
}
