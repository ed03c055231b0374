import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { outboundAllowedHosts, workspaceSecrets } from '../actionNodesSchema';
import { openSecret, sealSecret } from './secretBox';

/** What the API shows of a secret: its name and when it last changed, never its value. */
export type SecretSummary = { name: string; updatedBy: string; updatedAt: string };

export async function listSecrets(db: Db): Promise<SecretSummary[]> {
  return await db
    .select({ name: workspaceSecrets.name, updatedBy: workspaceSecrets.updatedBy, updatedAt: workspaceSecrets.updatedAt })
    .from(workspaceSecrets)
    .orderBy(asc(workspaceSecrets.name));
}

/** Creates or replaces a secret's value (sealed). */
export async function putSecret(db: Db, input: { name: string; value: string; by: string; deploymentSecret: string }): Promise<SecretSummary> {
  const ciphertext = sealSecret(input.value, input.deploymentSecret);
  const updatedAt = new Date().toISOString();
  return await db.transaction(async () => {
    await db.insert(workspaceSecrets)
      .values({ name: input.name, ciphertext, updatedBy: input.by, updatedAt })
      .onConflictDoUpdate({ target: workspaceSecrets.name, set: { ciphertext, updatedBy: input.by, updatedAt } });
    return { name: input.name, updatedBy: input.by, updatedAt };
  });
}

export async function deleteSecret(db: Db, name: string): Promise<boolean> {
  return await db.transaction(async () => (await db.run(db.delete(workspaceSecrets).where(eq(workspaceSecrets.name, name)))).changes > 0);
}

/** The values of the named secrets that exist (the worker's read at call time); missing names are absent. */
export async function readSecretValues(db: Db, names: string[], deploymentSecret: string): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await db.select().from(workspaceSecrets).where(inArray(workspaceSecrets.name, names));
  return new Map(rows.map((row) => [row.name, openSecret(row.ciphertext, deploymentSecret)]));
}

export type AllowedHost = { host: string; addedBy: string; addedAt: string };

export async function listAllowedHosts(db: Db): Promise<AllowedHost[]> {
  return await db.select().from(outboundAllowedHosts).orderBy(asc(outboundAllowedHosts.host));
}

/** Allows outbound calls to a host (lower case, as URLs compare it) although it resolves to a non-public address. */
export async function allowHost(db: Db, host: string, by: string): Promise<AllowedHost> {
  const row = { host: host.toLowerCase(), addedBy: by, addedAt: new Date().toISOString() };
  return await db.transaction(async () => {
    await db.insert(outboundAllowedHosts).values(row).onConflictDoNothing();
    return (await db.select().from(outboundAllowedHosts).where(eq(outboundAllowedHosts.host, row.host)).limit(1))[0] ?? row;
  });
}

export async function removeAllowedHost(db: Db, host: string): Promise<boolean> {
  return await db.transaction(async () => (await db.run(db.delete(outboundAllowedHosts).where(eq(outboundAllowedHosts.host, host.toLowerCase())))).changes > 0);
}
