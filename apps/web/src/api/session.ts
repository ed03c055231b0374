import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, getJson, sendJson, setCsrfToken } from './client';

export type Role = 'admin' | 'marketer' | 'viewer';

/** The signed-in user. */
export interface SessionUser {
  id: string;
  email: string;
  role: Role;
}

interface SessionBody {
  user: SessionUser;
  csrfToken: string;
}

/** Who is signed in; null when nobody is. `open` means the API has no sign-in at all (development builds before accounts). */
export type SessionState = { kind: 'signed_in'; user: SessionUser } | { kind: 'signed_out' } | { kind: 'open' };

const openUser: SessionUser = { id: 'local', email: 'local', role: 'admin' };

async function loadSession(): Promise<SessionState> {
  try {
    // Asked first because it never answers 401: a signed-out visit shows the sign-in page without a console error.
    const status = await getJson<{ signedIn: boolean }>('/api/session/status');
    if (!status.signedIn) return { kind: 'signed_out' };
    const body = await getJson<SessionBody>('/api/session');
    setCsrfToken(body.csrfToken);
    return { kind: 'signed_in', user: body.user };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { kind: 'signed_out' };
    if (error instanceof ApiError && error.status === 404) return { kind: 'open' };
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: ['session'], queryFn: loadSession, staleTime: 60_000, refetchOnWindowFocus: false });
}

/** The user whose role decides what the UI lets them do. */
export function userOf(state: SessionState | undefined): SessionUser | null {
  if (!state || state.kind === 'signed_out') return null;
  return state.kind === 'open' ? openUser : state.user;
}

/** Viewers only look; marketers and admins edit. */
export function canEdit(user: SessionUser | null): boolean {
  return user !== null && user.role !== 'viewer';
}

export function useSessionActions() {
  const queryClient = useQueryClient();
  const remember = (body: SessionBody) => {
    setCsrfToken(body.csrfToken);
    const state: SessionState = { kind: 'signed_in', user: body.user };
    queryClient.setQueryData(['session'], state);
  };
  return {
    signIn: async (email: string, password: string) => remember(await sendJson<SessionBody>('POST', '/api/session', { email, password })),
    setup: async (token: string, email: string, password: string) => {
      await sendJson('POST', '/api/setup', { token, email, password });
      remember(await sendJson<SessionBody>('POST', '/api/session', { email, password }));
    },
    signOut: async () => {
      await sendJson('DELETE', '/api/session').catch(() => undefined);
      setCsrfToken(null);
      // Drop everything the user could see, but keep the session query itself: `clear()` would detach the
      // mounted observers from it, and the app would never hear that nobody is signed in any more.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
      const state: SessionState = { kind: 'signed_out' };
      queryClient.setQueryData(['session'], state);
    },
    changePassword: (currentPassword: string, newPassword: string) => sendJson('POST', '/api/session/password', { currentPassword, newPassword }),
  };
}
