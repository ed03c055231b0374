import { suppressionSources } from '@lifecycle/db';
import { z } from 'zod';
import { EmailAddress } from '../emailAddress';

/** An address on the suppression list, as the API shows it. */
export const Suppression = z.object({
  id: z.string(),
  address: z.string(),
  reason: z.string(),
  source: z.enum(suppressionSources),
  detail: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  removedAt: z.string().nullable(),
  removedBy: z.string().nullable(),
});
export type Suppression = z.infer<typeof Suppression>;

/** GET /api/suppressions: an address fragment to search for, removed ones too or not, a page. */
export const SuppressionQuery = z.object({
  q: z.string().max(254).trim().optional(),
  status: z.enum(['active', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type SuppressionQuery = z.infer<typeof SuppressionQuery>;

/** A page of the list, newest first; `total` counts every match, `nextCursor` is null on the last page. */
export const SuppressionPage = z.object({ suppressions: z.array(Suppression), total: z.number().int(), nextCursor: z.string().nullable() });
export type SuppressionPage = z.infer<typeof SuppressionPage>;

/** GET /api/suppressions/lookup: one address. */
export const SuppressionLookupQuery = z.object({ address: z.string().max(254).trim().min(1) });

/** Whether an address is suppressed now, and how many soft failures it has in a row. */
export const SuppressionLookup = z.object({ suppression: Suppression.nullable(), softFailures: z.number().int() });
export type SuppressionLookup = z.infer<typeof SuppressionLookup>;

/** POST /api/suppressions: an admin suppresses an address by hand. */
export const NewSuppression = z.object({ address: EmailAddress, reason: z.string().max(500).trim().min(1) });

/** How many soft failures in a row suppress an address. */
export const SuppressionSettings = z.object({ softBounceThreshold: z.number().int().min(1).max(100) });
export type SuppressionSettings = z.infer<typeof SuppressionSettings>;

/** What POST /v1/bounces did with the notices it was sent. */
export const BounceReceipt = z.object({
  received: z.number().int(),
  suppressed: z.array(z.string()),
  softCounted: z.number().int(),
  duplicates: z.number().int(),
  ignored: z.number().int(),
  /** Only for an Amazon SNS subscription handshake. */
  subscription: z.enum(['confirmed', 'refused', 'failed', 'ignored']).optional(),
});
export type BounceReceipt = z.infer<typeof BounceReceipt>;
