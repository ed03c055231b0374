import type { Db } from '../client';
import { recordBounceNotice, recordSoftFailure } from './softBounces';
import { suppressAddressInTransaction } from './suppressions';

/** One bounce or complaint notice, whatever shape it came in; `key` is the provider's id for it. */
export type BounceNotice = { key: string; kind: 'hard' | 'soft' | 'complaint'; address: string; reason: string; detail: string };

/** What a batch of notices did. */
export type BounceNoticesApplied = { suppressed: string[]; softCounted: number; duplicates: number };

/**
 * Applies notices in one write transaction: a hard bounce or a complaint suppresses the address, a soft bounce counts
 * toward the threshold. A notice whose key was taken before is skipped, so a provider's retry changes nothing.
 */
export async function applyBounceNotices(db: Db, notices: readonly BounceNotice[], createdBy: string): Promise<BounceNoticesApplied> {
  return await db.transaction(async (): Promise<BounceNoticesApplied> => {
    const applied: BounceNoticesApplied = { suppressed: [], softCounted: 0, duplicates: 0 };
    for (const notice of notices) {
      if (!(await recordBounceNotice(db, notice))) {
        applied.duplicates++;
        continue;
      }
      switch (notice.kind) {
        case 'hard':
        case 'complaint': {
          const source = notice.kind === 'hard' ? 'bounce_webhook' : 'complaint';
          const { suppression, created } = await suppressAddressInTransaction(db, {
            address: notice.address,
            reason: notice.reason,
            source,
            detail: notice.detail,
            createdBy,
          });
          if (created) applied.suppressed.push(suppression.address);
          break;
        }
        case 'soft': {
          // Nested: recordSoftFailure's own transaction runs as a savepoint of this one.
          const outcome = await recordSoftFailure(db, {
            address: notice.address,
            key: notice.key,
            reason: notice.reason,
            source: 'bounce_webhook',
            createdBy,
          });
          applied.softCounted++;
          if (outcome.suppression && outcome.count > 0) applied.suppressed.push(outcome.suppression.address);
          break;
        }
        default: {
          const unknownKind: never = notice.kind;
          throw new Error(`unknown notice kind ${String(unknownKind)}`);
        }
      }
    }
    return applied;
  });
}
