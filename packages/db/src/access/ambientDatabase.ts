import type { AppDatabase } from './appDatabase';

type OwnMembers = Pick<AppDatabase, 'dialect' | 'inTransaction' | 'transaction' | 'lockCustomers' | 'lockGuard' | 'rows' | 'run' | 'prepare' | 'exec' | 'close'>;

/**
 * An AppDatabase whose query builder is whichever drizzle handle `current` answers at the moment of the call — the
 * open transaction's, or the root's — so functions that take `db` join the caller's transaction without being handed it.
 */
export function ambientDatabase<Extra extends object = object>(current: () => object, own: OwnMembers & Extra): AppDatabase & Extra {
  return new Proxy(own, {
    get(target, property, receiver) {
      if (property in target) return Reflect.get(target, property, receiver) as unknown;
      const handle = current() as Record<PropertyKey, unknown>;
      const value = handle[property];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(handle) : value;
    },
  }) as unknown as AppDatabase & Extra;
}
