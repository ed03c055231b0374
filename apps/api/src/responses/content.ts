import { z } from 'zod';
import { Instant, MaybeInstant } from './common';

/** An email template (Liquid). */
export const Template = z.object({ id: z.string(), name: z.string(), subject: z.string(), html: z.string(), text: z.string().nullable(), createdAt: Instant, updatedAt: Instant });
export type Template = z.infer<typeof Template>;

export const TemplateList = z.object({ templates: z.array(Template) });
export type TemplateList = z.infer<typeof TemplateList>;

/** A template rendered against a customer or sample traits, or why it could not be. */
export const TemplatePreview = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), subject: z.string(), html: z.string(), text: z.string().nullable() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type TemplatePreview = z.infer<typeof TemplatePreview>;

export const TestSent = z.object({ to: z.string(), subject: z.string(), messageId: z.string() });
export type TestSent = z.infer<typeof TestSent>;

/** An offer and how many codes its pool has left (null for generated codes). */
export const Offer = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  codeSource: z.enum(['generated', 'pool']),
  codePrefix: z.string().nullable(),
  expiresAt: MaybeInstant,
  createdAt: Instant,
  codesLeft: z.number().int().nullable(),
});
export type Offer = z.infer<typeof Offer>;

export const OfferList = z.object({ offers: z.array(Offer) });
export type OfferList = z.infer<typeof OfferList>;

export const CodesAdded = z.object({ added: z.number().int(), codesLeft: z.number().int() });
export type CodesAdded = z.infer<typeof CodesAdded>;
