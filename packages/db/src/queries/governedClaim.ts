import type { FrequencyCap } from '@lifecycle/journey';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { marketingSends } from '../sendGovernanceSchema';
import { builtStatement, queryBuilder } from '../access/builtStatement';
import { insertNewDelivery, resumeDelivery, type Delivery, type NewDelivery } from './deliveries';

const HOUR_MS = 3_600_000;

export interface GovernedClaimRequest {
  /** A marketing send is counted and capped; a transactional one is neither. */
  marketing: boolean;
  /** The cap the send's journey follows, or null. */
  cap: FrequencyCap | null;
  /** `hold`: a capped send claims nothing and says when the cap frees; `skip`: it is recorded as skipped. */
  whenCapped: 'hold' | 'skip';
  /** The moment of the decision (epoch ms): the window ends here and the send is counted from here. */
  atMs: number;
  /** Whose sends are counted: the customer as resolved (a merged-away id counts as the customer it became). */
  customerId: string;
}

export type GovernedClaim =
  | { kind: 'claimed'; delivery: Delivery; created: boolean }
  | { kind: 'skipped'; delivery: Delivery; counted: number }
  | { kind: 'held'; freesAtMs: number; counted: number };

// A send skipped or failed for good never reached the customer: it does not use up the cap.
const COUNTED = `SELECT m.claimed_at_ms FROM marketing_sends m JOIN deliveries d ON d.id = m.delivery_id
  WHERE m.customer_id = ? AND m.claimed_at_ms > ? AND d.status NOT IN ('skipped', 'failed') ORDER BY m.claimed_at_ms`;

const countSendStatement = builtStatement(
  queryBuilder.insert(marketingSends).values({ deliveryId: sql.placeholder('deliveryId'), customerId: sql.placeholder('customerId'), claimedAtMs: sql.placeholder('claimedAtMs') }),
  marketingSends,
);

/** The claim moments (ms) of the customer's marketing sends claimed after `sinceMs` that still count, oldest first. */
export async function countedMarketingSends(db: Db, customerId: string, sinceMs: number): Promise<number[]> {
  return await db.prepare(COUNTED).pluck().all<number>(customerId, sinceMs);
}

/**
 * Claims a delivery under the frequency cap: the count and the claim happen in one IMMEDIATE transaction, so two runs
 * sending to one customer at the same moment (in any process) are serialised by SQLite's write lock and the second
 * sees the first's claim. A delivery already stored under the key (a retry) is returned as it is, attempts counted.
 */
export async function claimGovernedDelivery(db: Db, values: NewDelivery, request: GovernedClaimRequest): Promise<GovernedClaim> {
  // Statements rendered once: a send claims through here, and building drizzle's queries per call cost more than the
  // writes. The customer's lock (on Postgres) serialises two claims for one customer as SQLite's write lock does.
  return await db.transaction(async (): Promise<GovernedClaim> => {
    const earlier = await resumeDelivery(db, values.idempotencyKey);
    if (earlier) return { kind: 'claimed', delivery: earlier, created: false };
    const { cap } = request;
    if (request.marketing && cap) {
      const counted = await countedMarketingSends(db, request.customerId, request.atMs - cap.windowHours * HOUR_MS);
      if (counted.length >= cap.limit) {
        if (request.whenCapped === 'hold') {
          // The cap frees when enough of the oldest counted sends have left the window for one more to fit.
          return { kind: 'held', freesAtMs: counted[counted.length - cap.limit]! + cap.windowHours * HOUR_MS, counted: counted.length };
        }
        const delivery = await insertNewDelivery(db, { ...values, error: 'frequency_capped' }, 'skipped');
        return { kind: 'skipped', delivery, counted: counted.length };
      }
    }
    const delivery = await insertNewDelivery(db, values, 'pending');
    if (request.marketing) await countSendStatement.run(db, { deliveryId: delivery.id, customerId: request.customerId, claimedAtMs: request.atMs });
    return { kind: 'claimed', delivery, created: true };
  }, { customers: [request.customerId] });
}
