import type { Db } from '../client';
import type { Suppression, SuppressionSource } from '../suppressionSchema';
import { activeSuppressionOf, normalizeAddress, suppressAddressInTransaction } from './suppressions';

/** Soft failures in a row that suppress an address when no admin has chosen. */
export const DEFAULT_SOFT_BOUNCE_THRESHOLD = 3;

/** How many soft failures in a row suppress an address. */
export function softBounceThreshold(db: Db): number {
  const row = db.$client.prepare(`select soft_bounce_threshold as threshold from suppression_settings where id = 'default'`).get() as
    { threshold: number } | undefined;
  return row?.threshold ?? DEFAULT_SOFT_BOUNCE_THRESHOLD;
}

/** Sets the threshold; the caller has checked it is a positive integer. */
export function setSoftBounceThreshold(db: Db, threshold: number): void {
  db.$client
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
export function recordSoftFailure(db: Db, failure: SoftFailure): SoftFailureOutcome {
  const address = normalizeAddress(failure.address);
  const countFailure = db.$client.transaction((): SoftFailureOutcome => {
    const threshold = softBounceThreshold(db);
    const already = activeSuppressionOf(db, address);
    if (already) return { count: 0, threshold, suppression: already };
    db.$client
      .prepare(`insert or ignore into soft_bounces (address, key, reason) values (?, ?, ?)`)
      .run(address, failure.key, failure.reason);
    const count = (db.$client.prepare(`select count(*) as n from soft_bounces where address = ?`).get(address) as { n: number }).n;
    if (count < threshold) return { count, threshold, suppression: null };
    const { suppression } = suppressAddressInTransaction(db, {
      address,
      reason: `${count} soft failures in a row; the last: ${failure.reason}`,
      source: failure.source,
      detail: `threshold ${threshold}; last from ${failure.key}`,
      createdBy: failure.createdBy,
    });
    return { count, threshold, suppression };
  });
  return countFailure.immediate();
}

/** A delivery to the address went through: its soft failures no longer count. */
export function clearSoftFailures(db: Db, address: string): void {
  db.$client.prepare(`delete from soft_bounces where address = ?`).run(normalizeAddress(address));
}

/** How many soft failures the address has in a row now. */
export function softFailureCount(db: Db, address: string): number {
  return (db.$client.prepare(`select count(*) as n from soft_bounces where address = ?`).get(normalizeAddress(address)) as { n: number }).n;
}

/** Records a webhook notice by its provider id; false when that notice was taken before (so it is not applied again). */
export function recordBounceNotice(db: Db, notice: { key: string; kind: string; address: string }): boolean {
  return (
    db.$client
      .prepare(`insert or ignore into bounce_notices (key, kind, address) values (?, ?, ?)`)
      .run(notice.key, notice.kind, normalizeAddress(notice.address)).changes > 0
  );
}
