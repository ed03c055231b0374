import { z } from 'zod';
import { Offer as OfferBase } from '../responses/content';
import { Instant, MaybeInstant } from '../responses/common';

const currencies = new Set(Intl.supportedValuesOf('currency'));

/** At most two decimals: an amount is money, a percent is never finer than a hundredth. */
const hundredths = (value: number) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;

/** What the offer takes off: a percentage, or an amount in a currency. */
export const Discount = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('percent'),
    value: z
      .number({ error: 'enter the percentage as a number' })
      .gt(0, 'a percentage discount must be more than 0%')
      .max(100, 'a percentage discount can be at most 100%')
      .refine(hundredths, 'use at most two decimals'),
  }),
  z.object({
    kind: z.literal('amount'),
    value: z
      .number({ error: 'enter the amount as a number' })
      .gt(0, 'an amount off must be more than 0')
      .max(1_000_000, 'an amount off can be at most 1,000,000')
      .refine(hundredths, 'use at most two decimals'),
    currency: z
      .string({ error: 'an amount off needs a currency' })
      .trim()
      .toUpperCase()
      .refine((code) => currencies.has(code), 'use a three-letter ISO 4217 currency code, such as EUR or USD'),
  }),
], { error: 'choose a percentage or an amount off' });
export type Discount = z.infer<typeof Discount>;

const codePrefix = z.string().max(40, 'a code prefix can be at most 40 characters').trim().regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only');

/** POST /api/offers. */
export const OfferInput = z.object({
  name: z.string().max(200).trim().min(1, 'give the offer a name'),
  description: z.string().max(2000).nullish(),
  discount: Discount.nullish(),
  codeSource: z.enum(['pool', 'generated']),
  codePrefix: codePrefix.nullish(),
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
});
export type OfferInput = z.infer<typeof OfferInput>;

/** PATCH /api/offers/:id: the fields that may change while journeys grant the offer (not where its codes come from). */
export const OfferPatch = OfferInput.omit({ codeSource: true }).partial();
export type OfferPatch = z.infer<typeof OfferPatch>;

/** POST /api/offers/:id/codes: codes to add to the pool, or how many to generate. */
export const CodesInput = z.union([
  z.object({ codes: z.array(z.string().max(100).trim().min(1)).min(1).max(20_000) }),
  z.object({ generate: z.number().int().min(1).max(20_000), prefix: codePrefix.optional() }),
]);
export type CodesInput = z.infer<typeof CodesInput>;

/** GET /api/offers/:id/codes: a page of issued codes. */
export const IssuedCodesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type IssuedCodesQuery = z.infer<typeof IssuedCodesQuery>;

/** POST /api/offers/:id/redemptions. */
export const RedemptionInput = z.object({
  code: z.string().max(100).trim().min(1, 'enter the code the customer used'),
  /** When given, the code must have been issued to this customer. */
  customerId: z.string().max(200).trim().min(1).optional(),
});
export type RedemptionInput = z.infer<typeof RedemptionInput>;

/** An offer as the API shows it: its discount and how its codes stand. */
export const Offer = OfferBase.extend({
  discount: Discount.nullable(),
  codesIssued: z.number().int(),
  codesRedeemed: z.number().int(),
});
export type Offer = z.infer<typeof Offer>;

export const OfferList = z.object({ offers: z.array(Offer) });
export type OfferList = z.infer<typeof OfferList>;

/** What adding codes did; `skipped` names each code left out and why, so "Add 4" that adds 3 explains itself. */
export const CodesAdded = z.object({
  added: z.number().int(),
  codesLeft: z.number().int(),
  skipped: z.array(z.object({ code: z.string(), reason: z.enum(['repeated_in_list', 'already_in_pool']) })),
});
export type CodesAdded = z.infer<typeof CodesAdded>;

export const IssuedCode = z.object({
  code: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  customerEmail: z.string().nullable(),
  grantedAt: Instant,
  redeemedAt: MaybeInstant,
});
export type IssuedCode = z.infer<typeof IssuedCode>;

export const IssuedCodesPage = z.object({ codes: z.array(IssuedCode), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type IssuedCodesPage = z.infer<typeof IssuedCodesPage>;

export const Redemption = z.object({
  outcome: z.enum(['redeemed', 'already_redeemed']),
  code: z.string(),
  offerId: z.string(),
  customerId: z.string(),
  redeemedAt: Instant,
});
export type Redemption = z.infer<typeof Redemption>;
