import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { customers, journeys, journeyVersions, offers, templates } from '../schema';
import { segments } from '../lifecycleSchema';

/** A journey version as the monitor names it: its journey's name, its number, when it was published and its graph. */
export type NamedVersion = { versionId: string; journeyName: string; version: number; publishedAt: string; graph: unknown };

const distinct = (ids: Iterable<string>) => [...new Set(ids)];

/** The versions with these ids, each joined to its journey's name (one query however many runs share them). */
export async function namedVersions(db: Db, versionIds: Iterable<string>): Promise<Map<string, NamedVersion>> {
  const ids = distinct(versionIds);
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ versionId: journeyVersions.id, journeyName: journeys.name, version: journeyVersions.version, publishedAt: journeyVersions.publishedAt, graph: journeyVersions.graph })
    .from(journeyVersions)
    .innerJoin(journeys, eq(journeys.id, journeyVersions.journeyId))
    .where(inArray(journeyVersions.id, ids));
  return new Map(rows.map((row) => [row.versionId, row]));
}

/** Journey names by id (for runs whose version row is gone). */
export async function journeyNamesById(db: Db, journeyIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = distinct(journeyIds);
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: journeys.id, name: journeys.name }).from(journeys).where(inArray(journeys.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

const trait = (path: string) => sql`nullif(trim(cast(json_extract(${customers.traits}, ${path}) as text)), '')`;

/**
 * A customer's name as people know them: the `name` trait, else `first_name` + `last_name`, else the email.
 * Customers absent here (never identified) are named by their id by the caller.
 */
export async function customerNamesById(db: Db, customerIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = distinct(customerIds);
  if (ids.length === 0) return new Map();
  const fullName = sql`nullif(trim(coalesce(${trait('$.first_name')}, '') || ' ' || coalesce(${trait('$.last_name')}, '')), '')`;
  const name = sql<string | null>`coalesce(${trait('$.name')}, ${fullName}, nullif(trim(${customers.email}), ''))`;
  const rows = await db.select({ id: customers.id, name }).from(customers).where(inArray(customers.id, ids));
  return new Map(rows.flatMap((row) => (row.name ? [[row.id, row.name] as const] : [])));
}

/** Template names by id. */
export async function templateNamesById(db: Db, templateIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = distinct(templateIds);
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: templates.id, name: templates.name }).from(templates).where(inArray(templates.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Segment names by id (a trigger entering on a segment is named by it). */
export async function segmentNamesById(db: Db, segmentIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = distinct(segmentIds);
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: segments.id, name: segments.name }).from(segments).where(inArray(segments.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Offer names by id. */
export async function offerNamesById(db: Db, offerIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = distinct(offerIds);
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: offers.id, name: offers.name }).from(offers).where(inArray(offers.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}
