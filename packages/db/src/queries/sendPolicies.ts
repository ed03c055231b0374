import { JourneySendPolicy, NO_SEND_POLICY, SendPolicy } from '@lifecycle/journey';
import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { journeySendPolicies, sendPolicies } from '../sendGovernanceSchema';

const WORKSPACE = 'default';

/** The workspace's send policy (no cap, no quiet hours until an admin sets them). */
export async function loadSendPolicy(db: Db): Promise<SendPolicy> {
  const row = (await db.select({ policy: sendPolicies.policy }).from(sendPolicies).where(eq(sendPolicies.id, WORKSPACE)).limit(1))[0];
  const parsed = SendPolicy.safeParse(row?.policy);
  return parsed.success ? parsed.data : NO_SEND_POLICY;
}

/** Sets the workspace's send policy; the caller has parsed it. */
export async function saveSendPolicy(db: Db, policy: SendPolicy): Promise<void> {
  const updatedAt = new Date().toISOString();
  await db.insert(sendPolicies).values({ id: WORKSPACE, policy, updatedAt }).onConflictDoUpdate({ target: sendPolicies.id, set: { policy, updatedAt } });
}

/** A journey's override, or null when it follows the workspace in everything. */
export async function loadJourneySendPolicy(db: Db, journeyId: string): Promise<JourneySendPolicy | null> {
  const row = (await db.select({ policy: journeySendPolicies.policy }).from(journeySendPolicies).where(eq(journeySendPolicies.journeyId, journeyId)).limit(1))[0];
  const parsed = JourneySendPolicy.safeParse(row?.policy);
  return parsed.success ? parsed.data : null;
}

/** Sets a journey's override (the journey exists: the caller checked); inheriting everything removes the row. */
export async function saveJourneySendPolicy(db: Db, journeyId: string, policy: JourneySendPolicy): Promise<void> {
  if (policy.frequencyCap.mode === 'workspace' && policy.quietHours.mode === 'workspace') {
    await db.delete(journeySendPolicies).where(eq(journeySendPolicies.journeyId, journeyId));
    return;
  }
  const updatedAt = new Date().toISOString();
  await db.insert(journeySendPolicies).values({ journeyId, policy, updatedAt }).onConflictDoUpdate({ target: journeySendPolicies.journeyId, set: { policy, updatedAt } });
}
