import type { Db } from './client';

/**
 * Runs `work` as one write transaction that begins IMMEDIATE: it takes the write lock first, so a concurrent writer
 * (the worker, a second API process) makes it wait instead of failing a read-then-write with SQLITE_BUSY. Nested
 * calls become savepoints. The one place the apps begin transactions, so another backend changes it here.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  return db.$client.transaction(work).immediate();
}
