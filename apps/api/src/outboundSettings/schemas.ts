import { SecretName } from '@lifecycle/journey';
import { z } from 'zod';

/** A secret as listed: its name and when it changed; the value is write-only and never answered. */
export const SecretSummary = z.object({ name: z.string(), updatedBy: z.string(), updatedAt: z.string() });
export const SecretList = z.object({ secrets: z.array(SecretSummary) });

export const SecretBody = z.object({ value: z.string().min(1).max(4096).describe('the value (write-only: never shown again)') });
export const SecretParams = z.object({ name: SecretName });

/** A host name or IP address as URLs write it (no scheme, port or path). */
export const HostName = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(253)
  .regex(/^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:.]+)$/, 'a host name or IP address, without scheme, port or path (e.g. hooks.internal or 10.0.0.5)');

export const AllowedHost = z.object({ host: z.string(), addedBy: z.string(), addedAt: z.string() });
export const AllowedHostList = z.object({ hosts: z.array(AllowedHost) });
export const AllowedHostBody = z.object({ host: HostName });
export const AllowedHostParams = z.object({ host: HostName });
