import { unitFraction, type AnalyticsSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import { preparedPerDb } from '../preparedPerDb';
import type { PluckedStatement, RawStatement } from '../access/rawStatement';

function prepareAll(db: Db) {
  const sql = (text: string) => db.prepare(text);
  return {
    salt: sql('SELECT salt FROM global_control_state WHERE id = 1').pluck(),
    member: sql('SELECT in_control AS inControl, share, assigned_at AS assignedAt FROM global_control WHERE customer_id = ?'),
    assign: sql('INSERT INTO global_control (customer_id, in_control, share, assigned_at) VALUES (?, ?, ?, ?) ON CONFLICT (customer_id) DO NOTHING'),
    cursor: sql('SELECT customer_cursor FROM global_control_state WHERE id = 1').pluck(),
    unassigned: sql('SELECT c.rowid AS row, c.id FROM customers c WHERE c.rowid > ? ORDER BY c.rowid LIMIT ?'),
    moveCursor: sql('UPDATE global_control_state SET customer_cursor = ? WHERE id = 1'),
  } satisfies Record<string, RawStatement | PluckedStatement>;
}

const statements = preparedPerDb(prepareAll);

/** A customer's stored place in the global control group. */
export type GlobalControlMembership = { inControl: boolean; share: number; assignedAt: string };

/** Where a customer falls: in the control group when the hash of the workspace salt and their id is under the share. */
export function drawsGlobalControl(salt: string, customerId: string, share: number): boolean {
  return unitFraction(`${salt}/${customerId}`) < share;
}

/** The stored membership, or undefined for a customer not yet assigned. */
export async function globalControlMembership(db: Db, customerId: string): Promise<GlobalControlMembership | undefined> {
  const row = await statements(db).member.get<{ inControl: number; share: number; assignedAt: string }>(customerId);
  return row ? { inControl: row.inControl === 1, share: row.share, assignedAt: row.assignedAt } : undefined;
}

/**
 * Assigns the customer at first sight while a share is set (share 0: no control group, nobody is assigned). A stored
 * membership is never redrawn, so changing the share later moves nobody already assigned.
 */
export async function assignGlobalControl(db: Db, settings: AnalyticsSettings, customerId: string, now: Date): Promise<GlobalControlMembership | undefined> {
  const share = settings.globalControlShare;
  if (share <= 0) return globalControlMembership(db, customerId);
  const prepared = statements(db);
  const salt = (await prepared.salt.get()) as string;
  await prepared.assign.run(customerId, drawsGlobalControl(salt, customerId, share) ? 1 : 0, share, now.toISOString());
  return globalControlMembership(db, customerId);
}

/**
 * Whether lifecycle messages skip this customer: in the control group while a share is set. Setting the share to 0
 * turns the hold-out off without forgetting who was in it.
 */
export async function heldOutByGlobalControl(db: Db, settings: AnalyticsSettings, customerId: string, now: Date): Promise<boolean> {
  if (settings.globalControlShare <= 0) return false;
  return (await assignGlobalControl(db, settings, customerId, now))?.inControl === true;
}

/** Assigns up to `limit` customers stored before the share was set (the sweep walks them by rowid, once). */
export async function assignStoredCustomers(db: Db, settings: AnalyticsSettings, now: Date, limit = 5000): Promise<number> {
  if (settings.globalControlShare <= 0) return 0;
  const prepared = statements(db);
  const rows = await prepared.unassigned.all<{ row: number; id: string }>(await prepared.cursor.get(), limit);
  const last = rows.at(-1);
  if (!last) return 0;
  await db.transaction(async () => {
    for (const row of rows) await assignGlobalControl(db, settings, row.id, now);
    await prepared.moveCursor.run(last.row);
  });
  return rows.length;
}
