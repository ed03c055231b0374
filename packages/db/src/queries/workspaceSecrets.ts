import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { outboundAllowedHosts, workspaceSecrets } from '../actionNodesSchema';
import { openSecret, sealSecret } from './secretBox';

/** What the API shows of a secret: its name and when it last changed, never its value. */
export type SecretSummary = { name: string; updatedBy: string; updatedAt: string };

export function listSecrets(db: Db): SecretSummary[] {
  return db
    .select({ name: workspaceSecrets.name, updatedBy: workspaceSecrets.updatedBy, updatedAt: workspaceSecrets.updatedAt })
    .from(workspaceSecrets)
    .orderBy(asc(workspaceSecrets.name))
    .all();
}

/** Creates or replaces a secret's value (sealed). */
export function putSecret(db: Db, input: { name: string; value: string; by: string; deploymentSecret: string }): SecretSummary {
  const ciphertext = sealSecret(input.value, input.deploymentSecret);
  const updatedAt = new Date().toISOString();
  return db.transaction((tx) => {
    tx.insert(workspaceSecrets)
      .values({ name: input.name, ciphertext, updatedBy: input.by, updatedAt })
      .onConflictDoUpdate({ target: workspaceSecrets.name, set: { ciphertext, updatedBy: input.by, updatedAt } })
      .run();
    return { name: input.name, updatedBy: input.by, updatedAt };
  }, { behavior: 'immediate' });
}

export function deleteSecret(db: Db, name: string): boolean {
  return db.transaction((tx) => tx.delete(workspaceSecrets).where(eq(workspaceSecrets.name, name)).run().changes > 0, { behavior: 'immediate' });
}

/** The values of the named secrets that exist (the worker's read at call time); missing names are absent. */
export function readSecretValues(db: Db, names: string[], deploymentSecret: string): Map<string, string> {
  if (names.length === 0) return new Map();
  const rows = db.select().from(workspaceSecrets).where(inArray(workspaceSecrets.name, names)).all();
  return new Map(rows.map((row) => [row.name, openSecret(row.ciphertext, deploymentSecret)]));
}

export type AllowedHost = { host: string; addedBy: string; addedAt: string };

export function listAllowedHosts(db: Db): AllowedHost[] {
  return db.select().from(outboundAllowedHosts).orderBy(asc(outboundAllowedHosts.host)).all();
}

/** Allows outbound calls to a host (lower case, as URLs compare it) although it resolves to a non-public address. */
export function allowHost(db: Db, host: string, by: string): AllowedHost {
  const row = { host: host.toLowerCase(), addedBy: by, addedAt: new Date().toISOString() };
  return db.transaction((tx) => {
    tx.insert(outboundAllowedHosts).values(row).onConflictDoNothing().run();
    return tx.select().from(outboundAllowedHosts).where(eq(outboundAllowedHosts.host, row.host)).get() ?? row;
  }, { behavior: 'immediate' });
}

export function removeAllowedHost(db: Db, host: string): boolean {
  return db.transaction((tx) => tx.delete(outboundAllowedHosts).where(eq(outboundAllowedHosts.host, host.toLowerCase())).run().changes > 0, { behavior: 'immediate' });
}
