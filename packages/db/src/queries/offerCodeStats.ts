import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** How an offer's codes stand: `left` only counts for a pool (a generated offer never runs out). */
export interface OfferCodeCounts {
  left: number;
  issued: number;
  redeemed: number;
}

const none: OfferCodeCounts = { left: 0, issued: 0, redeemed: 0 };

/** Codes left, issued and redeemed for each offer that has codes (one grouped scan; offers without codes are absent). */
export async function offerCodeCounts(db: Db, offerId?: string): Promise<Map<string, OfferCodeCounts>> {
  const where = offerId === undefined ? sql`` : sql`where offer_id = ${offerId}`;
  const rows = await db.rows<{ offerId: string; left: number; issued: number; redeemed: number }>(sql`
    select offer_id as offerId,
           sum(granted_at is null) as "left",
           sum(granted_at is not null) as issued,
           sum(redeemed_at is not null) as redeemed
    from offer_codes ${where} group by offer_id`);
  return new Map(rows.map((row) => [row.offerId, { left: row.left, issued: row.issued, redeemed: row.redeemed }]));
}

/** The counts of one offer (zeros when it has no codes yet). */
export function countsOf(counts: Map<string, OfferCodeCounts>, offerId: string): OfferCodeCounts {
  return counts.get(offerId) ?? none;
}

/** A code handed to a customer, with who they are and whether they used it. */
export type IssuedCode = {
  code: string;
  customerId: string;
  customerName: string | null;
  customerEmail: string | null;
  grantedAt: string;
  redeemedAt: string | null;
};

/** One page of an offer's issued codes, newest grant first, and how many there are in all. */
export async function listIssuedCodes(db: Db, offerId: string, page: { limit: number; offset: number }): Promise<{ codes: IssuedCode[]; total: number }> {
  const codes = await db.rows<IssuedCode>(sql`
    select c.code as code, c.customer_id as customerId, c.granted_at as grantedAt, c.redeemed_at as redeemedAt,
           cu.email as customerEmail,
           coalesce(nullif(trim(json_extract(cu.traits, '$.name')), ''),
                    nullif(trim(coalesce(json_extract(cu.traits, '$.first_name'), json_extract(cu.traits, '$.firstName'), '') || ' ' ||
                                coalesce(json_extract(cu.traits, '$.last_name'), json_extract(cu.traits, '$.lastName'), '')), '')) as customerName
    from offer_codes c left join customers cu on cu.id = c.customer_id
    where c.offer_id = ${offerId} and c.granted_at is not null
    order by c.granted_at desc, c.id desc
    limit ${page.limit} offset ${page.offset}`);
  const total = (await db.rows<{ total: number }>(sql`select count(*) as total from offer_codes where offer_id = ${offerId} and granted_at is not null`))[0];
  return { codes, total: total?.total ?? 0 };
}
