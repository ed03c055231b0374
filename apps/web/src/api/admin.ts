import { useQuery } from '@tanstack/react-query';
import { getJson, listFrom, sendJson } from './client';
import type { Role } from './session';

export interface UserRow {
  id: string;
  email: string;
  role: Role;
  disabled?: boolean;
  createdAt?: string;
}

export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  expiresAt: string | null;
  createdAt?: string;
  lastUsedAt?: string | null;
}

export interface WriteKeyRow {
  id: string;
  name: string;
  createdAt?: string;
  revokedAt?: string | null;
}

export interface AuditEntry {
  id: string;
  at?: string;
  createdAt?: string;
  actor?: string | null;
  actorEmail?: string | null;
  /** Who did it as the API records it: the user's email, `token <name>`, or `system`. */
  actorLabel?: string | null;
  summary?: Record<string, unknown> | null;
  action: string;
  target?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  detail?: unknown;
}

const list = <T,>(path: string, key: string) => async () => listFrom<T>(await getJson(path), key);

export const useUsers = () => useQuery({ queryKey: ['users'], queryFn: list<UserRow>('/api/users', 'users') });
export const useTokens = () => useQuery({ queryKey: ['tokens'], queryFn: list<TokenRow>('/api/tokens', 'tokens') });
export const useWriteKeys = () => useQuery({ queryKey: ['write-keys'], queryFn: list<WriteKeyRow>('/api/write-keys', 'writeKeys') });

export function useAudit(cursor: string | null) {
  return useQuery({
    queryKey: ['audit', cursor],
    queryFn: () => getJson<{ entries: AuditEntry[]; nextCursor: string | null }>(`/api/audit${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
  });
}

export const createUser = (user: { email: string; password: string; role: Role }) => sendJson<UserRow>('POST', '/api/users', user);
export const changeUser = (id: string, change: { role?: Role; disabled?: boolean }) => sendJson<UserRow>('PATCH', `/api/users/${encodeURIComponent(id)}`, change);
export const deleteUser = (id: string) => sendJson('DELETE', `/api/users/${encodeURIComponent(id)}`);
export const createToken = (token: { name: string; role: Role; expiresAt?: string }) => sendJson<{ id: string; token: string }>('POST', '/api/tokens', token);
export const deleteToken = (id: string) => sendJson('DELETE', `/api/tokens/${encodeURIComponent(id)}`);
export const createWriteKey = (name: string) => sendJson<{ id: string; key: string }>('POST', '/api/write-keys', { name });
export const deleteWriteKey = (id: string) => sendJson('DELETE', `/api/write-keys/${encodeURIComponent(id)}`);
