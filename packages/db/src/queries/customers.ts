import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { customerAliases } from '../lifecycleSchema';
import { customers } from '../schema';
import { resolveAlias } from './lifecycle';

export type Customer = typeof customers.$inferSelect;

/** The customer, or undefined. */
export async function getCustomer(db: Db, id: string): Promise<Customer | undefined> {
  return (await db.select().from(customers).where(eq(customers.id, id)).limit(1))[0];
}

/**
 * The customer under `id`, or the one `id` was merged into (a run that started while the visitor was
 * anonymous keeps its `anon:` id after they identify).
 */
export async function findCustomer(db: Db, id: string): Promise<Customer | undefined> {
  const direct = await getCustomer(db, id);
  if (direct) return direct;
  const mergedInto = await resolveAlias(db, id);
  return mergedInto ? await getCustomer(db, mergedInto) : undefined;
}

/** The other ids the customer was known by (`anon:<anonymousId>`, an aliased previousId), oldest first. */
export async function aliasesOf(db: Db, customerId: string): Promise<string[]> {
  return (await db
    .select({ aliasId: customerAliases.aliasId })
    .from(customerAliases)
    .where(eq(customerAliases.customerId, customerId))
    .orderBy(customerAliases.createdAt, customerAliases.aliasId))
    .map((row) => row.aliasId);
}

/**
 * Creates the customer or merges traits into theirs (identify semantics: given keys overwrite, others stay).
 * `email` and `lifecycleStage` traits also fill the columns of the same name.
 */
export async function upsertCustomer(db: Db, id: string, traits: Record<string, unknown> = {}): Promise<Customer> {
  const email = typeof traits.email === 'string' ? traits.email : null;
  const stage = typeof traits.lifecycleStage === 'string' ? traits.lifecycleStage : null;
  return (await db
    .insert(customers)
    .values({ id, traits, email, lifecycleStage: stage })
    .onConflictDoUpdate({
      target: customers.id,
      set: {
        traits: sql`json_patch(${customers.traits}, ${JSON.stringify(traits)})`,
        email: sql`coalesce(${email}, ${customers.email})`,
        lifecycleStage: sql`coalesce(${stage}, ${customers.lifecycleStage})`,
        updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
      },
    })
    .returning())[0]!;
}

/** Sets traits and/or the lifecycle stage of an existing customer; undefined when there is none. */
export async function updateCustomer(db: Db, id: string, change: { traits?: Record<string, unknown>; lifecycleStage?: string }): Promise<Customer | undefined> {
  return (await db
    .update(customers)
    .set({
      ...(change.traits ? { traits: sql`json_patch(${customers.traits}, ${JSON.stringify(change.traits)})` } : {}),
      ...(change.traits && typeof change.traits.email === 'string' ? { email: change.traits.email } : {}),
      ...(change.lifecycleStage ? { lifecycleStage: change.lifecycleStage } : {}),
      updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
    })
    .where(eq(customers.id, id))
    .returning())[0];
}

/** Records an unsubscribe (or re-subscribe); true when the customer exists. */
export async function setSubscription(db: Db, id: string, subscription: 'subscribed' | 'unsubscribed'): Promise<boolean> {
  const result = await db.run(db.update(customers).set({ subscription }).where(eq(customers.id, id)));
  return result.changes > 0;
}
