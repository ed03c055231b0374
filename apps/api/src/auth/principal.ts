import type { ApiToken, Session, User } from '@lifecycle/db';
import type { Role } from './roles';

/** Who is calling a management route: a signed-in user (cookie) or an API token. */
export type Principal =
  | { kind: 'session'; role: Role; user: User; session: Session; sessionId: string }
  | { kind: 'token'; role: Role; token: ApiToken };

/** How the audit log names a principal. */
export function actorOf(principal: Principal | undefined) {
  if (!principal) return { actorType: 'system' as const, actorId: null, actorLabel: 'system' };
  switch (principal.kind) {
    case 'session':
      return { actorType: 'user' as const, actorId: principal.user.id, actorLabel: principal.user.email };
    case 'token':
      return { actorType: 'token' as const, actorId: principal.token.id, actorLabel: `token ${principal.token.name}` };
    default: {
      const unknown: never = principal;
      throw new Error(`unknown principal ${JSON.stringify(unknown)}`);
    }
  }
}
