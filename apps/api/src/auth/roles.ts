import { userRoles } from '@lifecycle/db';
import { z } from 'zod';

/** A user's or token's role, weakest first: viewer < marketer < admin. */
export const Role = z.enum(userRoles);
export type Role = z.infer<typeof Role>;

/** What a route asks of its caller: nothing, a write key (ingest only), or at least a role. */
export const Access = z.enum(['public', 'writeKey', ...userRoles]);
export type Access = z.infer<typeof Access>;

const rank: Record<Role, number> = { viewer: 0, marketer: 1, admin: 2 };

/** True when `role` may do what `needed` may. */
export function atLeast(role: Role, needed: Role): boolean {
  return rank[role] >= rank[needed];
}
