import type { Offer, Template } from '@lifecycle/db';
import type { BundleOffer, BundleTemplate } from './bundleSchema';

/** The content of a template, as compared between a bundle and an install. */
export function templateFields(template: BundleTemplate | Template) {
  return { subject: template.subject, html: template.html, text: template.text ?? null };
}

/** The terms of an offer (not its codes), as compared between a bundle and an install. */
export function offerTerms(offer: BundleOffer | Offer) {
  const discount =
    'discount' in offer
      ? offer.discount
      : offer.discountKind === null || offer.discountValue === null
        ? null
        : offer.discountKind === 'percent'
          ? { kind: 'percent' as const, value: offer.discountValue }
          : { kind: 'amount' as const, value: offer.discountValue, currency: offer.discountCurrency ?? 'USD' };
  return { description: offer.description ?? null, codeSource: offer.codeSource, codePrefix: offer.codePrefix ?? null, expiresAt: offer.expiresAt ?? null, discount };
}
