import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** A gate a test opens once: work awaiting `passed` stops there until `open()` (to hold a transaction open, say). */
export function gate(): { open: () => void; passed: Promise<void> } {
  let open = () => undefined as void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { open, passed };
}

/** How many transactions on the Postgres server of `db` wait for a customer's lock (or another advisory lock). */
export async function customerLockWaiters(db: Db): Promise<number> {
  const [row] = await db.rows<{ n: number }>(sql`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
  return row?.n ?? 0;
}
