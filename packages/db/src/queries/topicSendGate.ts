import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { journeys, journeyVersions } from '../schema';
import { getTopic, templateTopicId } from './topics';
import { recordDeliveryTopic, subscribedToTopic } from './topicSubscriptions';

/** What a send asks of the topic gate: the delivery, its customer and where in which journey version it comes from. */
export interface TopicSendInput {
  deliveryId: string;
  customerId: string;
  journeyId: string;
  /** The run's version; absent for runs started before versions were pinned; `draft` in the simulator. */
  versionId?: string;
  nodeId: string;
  templateId: string;
}

// Only what the gate reads of a send node; the full node schema lives in packages/journey.
const SendNodeGovernance = z.object({ id: z.string(), type: z.string(), topicId: z.string().optional(), transactional: z.boolean().optional() });
const GraphNodes = z.object({ nodes: z.array(z.unknown()) });
type SendNodeGovernance = z.infer<typeof SendNodeGovernance>;

// Published versions never change: their nodes are read once per process.
const versionNodes = new Map<string, Map<string, SendNodeGovernance>>();
const CACHED_VERSIONS = 500;

function nodesOf(graph: unknown): Map<string, SendNodeGovernance> {
  const parsed = GraphNodes.safeParse(graph);
  const nodes = new Map<string, SendNodeGovernance>();
  for (const node of parsed.success ? parsed.data.nodes : []) {
    const governance = SendNodeGovernance.safeParse(node);
    if (governance.success) nodes.set(governance.data.id, governance.data);
  }
  return nodes;
}

async function sendNodes(db: Db, input: TopicSendInput): Promise<Map<string, SendNodeGovernance>> {
  if (input.versionId === 'draft') return nodesOf((await db.select({ graph: journeys.draft }).from(journeys).where(eq(journeys.id, input.journeyId)).limit(1))[0]?.graph);
  const versionId = input.versionId ?? (await db.select({ id: journeys.liveVersionId }).from(journeys).where(eq(journeys.id, input.journeyId)).limit(1))[0]?.id;
  if (!versionId) return new Map();
  const cached = versionNodes.get(versionId);
  if (cached) return cached;
  const nodes = nodesOf((await db.select({ graph: journeyVersions.graph }).from(journeyVersions).where(eq(journeyVersions.id, versionId)).limit(1))[0]?.graph);
  if (versionNodes.size >= CACHED_VERSIONS) versionNodes.clear();
  versionNodes.set(versionId, nodes);
  return nodes;
}

/**
 * The send node's topic (which wins) or else its template's, and whether the node is transactional. A topic id
 * that names no topic counts as none: nobody can have opted out of it.
 */
export async function topicOfSend(db: Db, input: TopicSendInput): Promise<{ topicId: string | null; transactional: boolean }> {
  const node = (await sendNodes(db, input)).get(input.nodeId);
  const topicId = node?.topicId ?? await templateTopicId(db, input.templateId);
  return { topicId: topicId !== null && await getTopic(db, topicId) ? topicId : null, transactional: node?.transactional ?? false };
}

/**
 * `topic_unsubscribed` when the customer opted out of the send's topic (or never opted in to an opt-in topic), else
 * null. A transactional send ignores topics. The topic is recorded on the delivery so that the email's one-click
 * List-Unsubscribe opts out of that topic only.
 */
export async function topicSkipReason(db: Db, input: TopicSendInput, record = true): Promise<'topic_unsubscribed' | null> {
  const { topicId, transactional } = await topicOfSend(db, input);
  if (topicId === null) return null;
  if (record) await recordDeliveryTopic(db, input.deliveryId, topicId);
  if (transactional) return null;
  return (await subscribedToTopic(db, input.customerId, topicId)) ? null : 'topic_unsubscribed';
}

/** Records the send's topic on its delivery (which must exist by now), for the email's one-click List-Unsubscribe. */
export async function recordSendTopic(db: Db, input: TopicSendInput): Promise<void> {
  const { topicId } = await topicOfSend(db, input);
  if (topicId !== null) await recordDeliveryTopic(db, input.deliveryId, topicId);
}
