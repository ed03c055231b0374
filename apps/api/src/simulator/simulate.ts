import { getCustomer, getJourney, getWorkspaceTimeZone, type Db } from '@lifecycle/db';
import { JourneyGraph, triggerEventName, type JourneyNode, type ValidationResult } from '@lifecycle/journey';
import type { CustomerSnapshot } from '@lifecycle/workflows/activities';
import { HttpError, notFound } from '../errors';
import { findVersion, validateSaved } from '../services/journeys';
import { runSimulation } from './runSimulation';
import type { SimulatedWorld } from './simulatedWorld';
import type { SimulatedCustomer, SimulatedStep, SimulationRequest, SimulationResult } from './simulationRequest';
import { inSimulationSlot } from './simulationRuntime';

/** The id a sample customer runs under: never a stored customer's. */
export const SAMPLE_CUSTOMER_ID = 'simulated-customer';

type Source = { versionId: string; version: number; validation: ValidationResult };

/** The graph to simulate: a published version as frozen, or the saved draft validated as publishing would. */
async function sourceOf(db: Db, journeyId: string, versionId: string | undefined): Promise<Source> {
  if (!(await getJourney(db, journeyId))) throw notFound('journey', journeyId);
  if (versionId === undefined) return { versionId: 'draft', version: 0, validation: await validateSaved(db, journeyId) };
  const version = await findVersion(db, journeyId, versionId);
  const graph = JourneyGraph.safeParse(version.graph);
  const validation: ValidationResult = graph.success
    ? { ok: true, graph: graph.data, problems: [] }
    : { ok: false, problems: [{ nodeId: null, field: null, code: 'invalid_node', message: `version ${version.version} no longer parses: ${graph.error.message}` }] };
  return { versionId: version.id, version: version.version, validation };
}

/** The stored customer as the worker would load them (a copy: nothing is written back), or the sample one. */
async function customerOf(db: Db, customer: SimulatedCustomer): Promise<{ snapshot: CustomerSnapshot; real: boolean }> {
  if ('id' in customer) {
    const stored = await getCustomer(db, customer.id);
    if (!stored) throw new HttpError(404, 'not_found', `no customer with id ${customer.id}`, { issues: [{ path: 'customer.id', message: `no customer with id ${customer.id}` }] });
    const { id, email, traits, lifecycleStage, subscription, suppressed } = stored;
    return { snapshot: { id, email, traits, lifecycleStage, subscription, suppressed }, real: true };
  }
  return {
    snapshot: {
      id: SAMPLE_CUSTOMER_ID,
      email: customer.email === undefined ? 'sample@example.com' : customer.email,
      traits: customer.traits,
      lifecycleStage: customer.lifecycleStage ?? null,
      subscription: 'subscribed',
      suppressed: false,
    },
    real: false,
  };
}

function nodeName(node: JourneyNode | undefined, nodeId: string): string {
  return node?.label?.trim() || nodeId;
}

/** The steps in order with the names the canvas shows, and each email at the virtual time its step began. */
function resultOf(world: SimulatedWorld, graph: JourneyGraph, status: SimulationResult['status'], draft: boolean): SimulationResult {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const path: SimulatedStep[] = [...world.steps.values()]
    .sort((a, b) => a.seq - b.seq)
    .map((step) => ({
      nodeId: step.nodeId,
      nodeType: step.nodeType,
      name: nodeName(nodes.get(step.nodeId), step.nodeId),
      enteredAt: step.enteredAt,
      leftAt: step.leftAt,
      // A draft runs as version 0: say "the draft" where the trigger's record names the version.
      outcome: draft ? (step.outcome?.replace('(journey version 0)', '(the draft)') ?? null) : step.outcome,
      exit: step.exit,
      detail: step.detail,
      failed: step.failed === true,
    }));
  const emails = world.emails.map((email) => ({ ...email, at: path.findLast((step) => step.nodeId === email.nodeId)?.enteredAt ?? world.run?.startedAt ?? '' }));
  const problems = [...world.problems];
  if (status === 'step_limit') problems.push({ nodeId: world.run?.currentNodeId ?? null, message: `the run took more than ${world.steps.size - 1} steps: it loops` });
  if (status === 'failed' && world.run?.error) problems.push({ nodeId: world.run.currentNodeId, message: world.run.error });
  return { status, startedAt: world.run?.startedAt ?? null, endedAt: world.run?.endedAt ?? null, path, emails, problems, outbound: world.outbound.calls };
}

/**
 * POST /api/journeys/:id/simulate: the journey's real workflow, for a real or sample customer and a script of what
 * they do, with time skipped. Nothing is written, sent or granted; an invalid journey is answered with its problems.
 */
export async function simulateJourney(db: Db, journeyId: string, request: SimulationRequest): Promise<SimulationResult> {
  const source = await sourceOf(db, journeyId, request.version);
  const customer = await customerOf(db, request.customer);
  if (!source.validation.ok) {
    const problems = source.validation.problems.map((problem) => ({ nodeId: problem.nodeId, message: problem.message }));
    return { status: 'invalid', startedAt: null, endedAt: null, path: [], emails: [], problems };
  }
  const graph = source.validation.graph;
  const trigger = graph.nodes.find((node) => node.type === 'trigger');
  const eventName = trigger?.type === 'trigger' ? triggerEventName(trigger) : 'simulated_entry';
  const plan = {
    journeyId,
    versionId: source.versionId,
    version: source.version,
    graph,
    customer: customer.snapshot,
    realCustomer: customer.real,
    triggerEvent: { id: 'simulated-entry', name: eventName, properties: request.triggerProperties ?? {} },
    script: request.script,
    workspaceTimeZone: await getWorkspaceTimeZone(db),
    webhookAnswers: request.webhookAnswers,
  };
  const { world, status } = await inSimulationSlot(async () => await runSimulation(db, plan));
  return resultOf(world, graph, status, request.version === undefined);
}
