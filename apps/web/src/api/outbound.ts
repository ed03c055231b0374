import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from './client';

/** A workspace secret as the API lists it: never its value. */
export interface SecretRow {
  name: string;
  updatedBy: string;
  updatedAt: string;
}

export interface AllowedHostRow {
  host: string;
  addedBy: string;
  addedAt: string;
}

export const useSecrets = () => useQuery({ queryKey: ['outbound'], queryFn: () => getJson<{ secrets: SecretRow[] }>('/api/secrets').then((body) => body.secrets) });
export const useAllowedHosts = () => useQuery({ queryKey: ['outbound', 'hosts'], queryFn: () => getJson<{ hosts: AllowedHostRow[] }>('/api/outbound/allowed-hosts').then((body) => body.hosts) });
export const putSecret = (name: string, value: string) => sendJson<SecretRow>('PUT', `/api/secrets/${encodeURIComponent(name)}`, { value });
export const deleteSecret = (name: string) => sendJson('DELETE', `/api/secrets/${encodeURIComponent(name)}`);
export const allowHost = (host: string) => sendJson<AllowedHostRow>('POST', '/api/outbound/allowed-hosts', { host });
export const removeAllowedHost = (host: string) => sendJson('DELETE', `/api/outbound/allowed-hosts/${encodeURIComponent(host)}`);
