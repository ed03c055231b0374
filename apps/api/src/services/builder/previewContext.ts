import { getCustomer, type Db } from '@lifecycle/db';
import { z } from 'zod';

/** Whom a preview renders for: a stored customer by id, or sample traits. */
export const PreviewTarget = z.union([
  z.object({ customerId: z.string().min(1).max(200) }),
  z.object({ traits: z.record(z.string(), z.unknown()).default({}) }),
]);
export type PreviewTarget = z.infer<typeof PreviewTarget>;

/**
 * The Liquid context a preview renders with, shaped like the worker's send context (traits both as
 * `customer.traits.x` and `customer.x`); null when the customer does not exist.
 */
export async function previewContext(db: Db, target: PreviewTarget): Promise<Record<string, unknown> | null> {
  const customer =
    'customerId' in target
      ? await getCustomer(db, target.customerId)
      : { id: 'preview-customer', email: 'preview@example.com', lifecycleStage: null, traits: target.traits };
  if (!customer) return null;
  // Every variable the worker gives a template (see TEMPLATE_VARIABLES), with sample values where a run would have real ones.
  const offer = { offerId: 'sample-offer', name: 'Sample offer', code: 'SAMPLE-CODE', expiresAt: null, description: 'A sample offer for previews', discount: '20%', discountKind: 'percent', discountValue: 20, discountCurrency: null };
  return {
    customer: { ...customer.traits, id: customer.id, email: customer.email, lifecycle_stage: customer.lifecycleStage, traits: customer.traits },
    event: { name: 'preview', properties: {}, timestamp: new Date().toISOString() },
    offer,
    offers: { [offer.name]: offer },
    unsubscribe_url: '#unsubscribe',
    preferences_url: '#preferences',
  };
}
