import { z } from 'zod';
import { Instant, JsonObject, MaybeInstant, NextCursor, Role } from './common';

/** The signed-in user and the CSRF token to send with state-changing requests. */
export const SignedIn = z.object({ user: z.object({ id: z.string(), email: z.string(), role: Role }), csrfToken: z.string().nullable() });
export type SignedIn = z.infer<typeof SignedIn>;

/** Who is calling: a signed-in user, or an API token (no user, no CSRF token). */
export const WhoAmI = z.union([
  SignedIn,
  z.object({ user: z.null(), token: z.object({ id: z.string(), name: z.string(), role: Role }), csrfToken: z.null() }),
]);
export type WhoAmI = z.infer<typeof WhoAmI>;

export const SetupNeeded = z.object({ needed: z.boolean().describe('true until the first admin exists') });
export type SetupNeeded = z.infer<typeof SetupNeeded>;

/** An account, without its password hash. */
export const User = z.object({ id: z.string(), email: z.string(), role: Role, disabled: z.boolean(), createdAt: Instant });
export type User = z.infer<typeof User>;

export const UserList = z.object({ users: z.array(User) });
export type UserList = z.infer<typeof UserList>;

/** An API token as listed: its prefix, never the token. */
export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: Role,
  createdBy: z.string(),
  createdAt: Instant,
  expiresAt: MaybeInstant,
  lastUsedAt: MaybeInstant,
  revokedAt: MaybeInstant,
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenList = z.object({ tokens: z.array(ApiToken) });
export type ApiTokenList = z.infer<typeof ApiTokenList>;

export const CreatedApiToken = ApiToken.extend({ token: z.string().describe('the bearer token; shown only in this answer') });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;

/** A write key as listed: its prefix, never the key. */
export const WriteKey = z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: Instant, revokedAt: MaybeInstant });
export type WriteKey = z.infer<typeof WriteKey>;

export const WriteKeyList = z.object({ writeKeys: z.array(WriteKey) });
export type WriteKeyList = z.infer<typeof WriteKeyList>;

export const CreatedWriteKey = WriteKey.omit({ revokedAt: true }).extend({ key: z.string().describe('the write key; shown only in this answer') });
export type CreatedWriteKey = z.infer<typeof CreatedWriteKey>;

export const AuditPage = z.object({
  entries: z.array(z.object({
    id: z.string(),
    at: Instant,
    actorType: z.enum(['user', 'token', 'system']),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    summary: JsonObject,
  })),
  nextCursor: NextCursor,
});
export type AuditPage = z.infer<typeof AuditPage>;
