import { JourneySendPolicy, NO_SEND_POLICY, SendPolicy } from '@lifecycle/journey';
import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { journeySendPolicies, sendPolicies } from '../sendGovernanceSchema';

const WORKSPACE = 'default';

/** The workspace's send policy (no cap, no quiet hours until an admin sets them). */
export function loadSendPolicy(db: Db): SendPolicy {
  const row = db.select({ policy: sendPolicies.policy }).from(sendPolicies).where(eq(sendPolicies.id, WORKSPACE)).get();
  const parsed = SendPolicy.safeParse(row?.policy);
  return parsed.success ? parsed.data : NO_SEND_POLICY;
}

/** Sets the workspace's send policy; the caller has parsed it. */
export function saveSendPolicy(db: Db, policy: SendPolicy): void {
  const updatedAt = new Date().toISOString();
  db.insert(sendPolicies).values({ id: WORKSPACE, policy, updatedAt }).onConflictDoUpdate({ target: sendPolicies.id, set: { policy, updatedAt } }).run();
}

/** A journey's override, or null when it follows the workspace in everything. */
export function loadJourneySendPolicy(db: Db, journeyId: string): JourneySendPolicy | null {
  const row = db.select({ policy: journeySendPolicies.policy }).from(journeySendPolicies).where(eq(journeySendPolicies.journeyId, journeyId)).get();
  const parsed = JourneySendPolicy.safeParse(row?.policy);
  return parsed.success ? parsed.data : null;
}

/** Sets a journey's override (the journey exists: the caller checked); inheriting everything removes the row. */
export function saveJourneySendPolicy(db: Db, journeyId: string, policy: JourneySendPolicy): void {
  if (policy.frequencyCap.mode === 'workspace' && policy.quietHours.mode === 'workspace') {
    db.delete(journeySendPolicies).where(eq(journeySendPolicies.journeyId, journeyId)).run();
    return;
  }
  const updatedAt = new Date().toISOString();
  db.insert(journeySendPolicies).values({ journeyId, policy, updatedAt }).onConflictDoUpdate({ target: journeySendPolicies.journeyId, set: { policy, updatedAt } }).run();
}
