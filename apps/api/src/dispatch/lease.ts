import { releaseSweepLock, takeSweepLock, type Db } from '@lifecycle/db';

/**
 * How long the lifecycle sweep's lease and the entry job's last unrenewed. Each holder renews its lease every tick
 * (5 s), so when it dies another process takes over within this; a tick outliving it is harmless: ticks serialise (on
 * SQLite's one writer, on Postgres on the guard lock each takes in its transaction) and the later finds nothing left.
 */
export const SWEEP_LEASE_MS = 15_000;

/** A standby tries to take a lease at most this often (each try is a write). */
const STANDBY_RETRY_MS = 1_000;

export type LeaseOptions = {
  db: Db;
  /** The lease row's name in `sweep_locks` (beside the lifecycle sweep's and the entry job's). */
  name: string;
  /** This process's name in the row. */
  holder: string;
  /** How long the lease lasts unrenewed: a holder that dies is replaced after this. */
  ttlMs: number;
  /** Told when taking or renewing fails (the database busy or gone); the lease held so far is kept until it lapses. */
  onError: (error: unknown) => void;
  /** Told when this process takes the lease it did not hold. */
  onTaken?: () => void;
};

/**
 * A lease shared through the database by processes that must not do the same work at once. It runs on the wall
 * clock (it is shared with other processes), never on a journey's clock. Held with a margin: a holder whose renewals
 * failed stops claiming it before it lapses, so no two processes hold it at the same moment.
 */
export function createLease(options: LeaseOptions) {
  let until = 0; // this process holds the lease until then
  let lastTry = 0;

  return {
    /** True while this process holds the lease with a margin; renews it past half its term, or tries to take it. */
    async held(): Promise<boolean> {
      const now = Date.now();
      if (until - now > options.ttlMs / 2) return true;
      if (until <= now && now - lastTry < STANDBY_RETRY_MS) return false;
      lastTry = now;
      try {
        const wasHeld = until > now;
        until = (await takeSweepLock(options.db, options.name, options.holder, options.ttlMs, new Date(now))) ? now + options.ttlMs : 0;
        if (!wasHeld && until > 0) options.onTaken?.();
      } catch (error) {
        options.onError(error);
      }
      // Judged on the clock after the write: waiting for the database (a transaction holding it) may have taken
      // much of the term, and a lease about to lapse is not claimed.
      return until - Date.now() > Math.min(1_000, options.ttlMs / 4);
    },
    /** Whether the lease is this process's now, without trying to take or renew it. */
    isMine(): boolean {
      return until > Date.now();
    },
    /** Gives the lease up if held (a clean stop), so another process takes it at once. */
    async release(): Promise<void> {
      if (until > Date.now()) await releaseSweepLock(options.db, options.name, options.holder);
      until = 0;
    },
  };
}
