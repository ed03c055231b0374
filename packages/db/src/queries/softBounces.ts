import type { Db } from '../client';
import type { Suppression, SuppressionSource } from '../suppressionSchema';
import { activeSuppressionOf, normalizeAddress, suppressAddressInTransaction } from './suppressions';

/** Soft failures in a row that suppress an address when no admin has chosen. */
export const DEFAULT_SOFT_BOUNCE_THRESHOLD = 3;

/** How many soft failures in a row suppress an address. */
export async function softBounceThreshold(db: Db): Promise<number> {
  const row = await db.prepare(`select soft_bounce_threshold as threshold from suppression_settings where id = 'default'`).get<{ threshold: number }>();
  return row?.threshold ?? DEFAULT_SOFT_BOUNCE_THRESHOLD;
}

/** Sets the threshold; the caller has checked it is a positive integer. */
export async function setSoftBounceThreshold(db: Db, threshold: number): Promise<void> {
  await db
    .prepare(
      `insert into suppression_settings (id, soft_bounce_threshold) values ('default', ?)
       on conflict(id) do update set soft_bounce_threshold = excluded.soft_bounce_threshold, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
    )
    .run(threshold);
}

/** A soft failure of an address: `key` names the delivery or notice, so a retry or a repeat counts once. */
export type SoftFailure = {
  address: string;
  key: string;
  reason: string;
  source: Extract<SuppressionSource, 'smtp_soft' | 'bounce_webhook'>;
  createdBy: string;
};

/** What a soft failure led to: the count in a row now, and the suppression when it reached the threshold. */
export type SoftFailureOutcome = { count: number; threshold: number; suppression: Suppression | null };

/**
 * Counts a soft failure of the address since its last successful delivery; at the admin's threshold the address is
 * suppressed, its reason naming the count and the last reply. An address already suppressed stays as it is.
 */
export async function recordSoftFailure(db: Db, failure: SoftFailure): Promise<SoftFailureOutcome> {
  const address = normalizeAddress(failure.address);
  return await db.transaction(async (): Promise<SoftFailureOutcome> => {
    const threshold = await softBounceThreshold(db);
    const already = await activeSuppressionOf(db, address);
    if (already) return { count: 0, threshold, suppression: already };
    await db
      .prepare(`insert into soft_bounces (address, key, reason) values (?, ?, ?) on conflict do nothing`)
      .run(address, failure.key, failure.reason);
    const count = ((await db.prepare(`select count(*) as n from soft_bounces where address = ?`).get(address)) as { n: number }).n;
    if (count < threshold) return { count, threshold, suppression: null };
    const { suppression } = await suppressAddressInTransaction(db, {
      address,
      reason: `${count} soft failures in a row; the last: ${failure.reason}`,
      source: failure.source,
      detail: `threshold ${threshold}; last from ${failure.key}`,
      createdBy: failure.createdBy,
    });
    return { count, threshold, suppression };
  });
}

/** A delivery to the address went through: its soft failures no longer count. */
export async function clearSoftFailures(db: Db, address: string): Promise<void> {
  await db.prepare(`delete from soft_bounces where address = ?`).run(normalizeAddress(address));
}

/** How many soft failures the address has in a row now. */
export async function softFailureCount(db: Db, address: string): Promise<number> {
  return ((await db.prepare(`select count(*) as n from soft_bounces where address = ?`).get(normalizeAddress(address))) as { n: number }).n;
}

/** Records a webhook notice by its provider id; false when that notice was taken before (so it is not applied again). */
export async function recordBounceNotice(db: Db, notice: { key: string; kind: string; address: string }): Promise<boolean> {
  return (
    (await db
      .prepare(`insert into bounce_notices (key, kind, address) values (?, ?, ?) on conflict do nothing`)
      .run(notice.key, notice.kind, normalizeAddress(notice.address))).changes > 0
  );
}
