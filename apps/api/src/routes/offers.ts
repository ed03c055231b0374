import { audit } from '../services/audit';
import * as offers from '../services/offers';
import { IdParams } from './params';
import { route } from './route';
import { CodesAdded, Offer, OfferList } from '../responses/content';

const tag = 'offers';

/** Offers and their code pools. */
export const offerRoutes = [
  route({ method: 'GET', path: '/api/offers', role: 'viewer', tag, summary: 'List offers with codes left', ok: { status: 200, schema: OfferList }, handler: (c) => c.json({ offers: offers.listAll(c.var.deps.db) }) }),
  route({
    method: 'POST', path: '/api/offers', role: 'marketer', tag, summary: 'Create an offer', body: offers.OfferInput, ok: { status: 201, schema: Offer },
    handler: (c, { body }) => {
      const offer = offers.create(c.var.deps.db, body);
      audit(c, 'offer.create', { type: 'offer', id: offer.id }, { name: offer.name });
      return c.json(offer, 201);
    },
  }),
  route({ method: 'GET', path: '/api/offers/:id', role: 'viewer', tag, summary: 'One offer', params: IdParams, ok: { status: 200, schema: Offer }, handler: (c, { params }) => c.json(offers.findOffer(c.var.deps.db, params.id)) }),
  route({
    method: 'POST', path: '/api/offers/:id/codes', role: 'marketer', tag, summary: "Add or generate codes in an offer's pool", params: IdParams, body: offers.CodesInput, ok: { status: 200, schema: CodesAdded },
    handler: (c, { params, body }) => {
      const result = offers.addCodes(c.var.deps.db, params.id, body);
      audit(c, 'offer.add_codes', { type: 'offer', id: params.id }, { added: result.added });
      return c.json(result);
    },
  }),
  route({
    method: 'DELETE', path: '/api/offers/:id', role: 'marketer', tag, summary: 'Delete an offer and its codes (409 naming the journeys whose live version or runs in flight grant it)', params: IdParams, ok: { status: 204 },
    handler: (c, { params }) => {
      const offer = offers.removeOffer(c.var.deps.db, params.id);
      audit(c, 'offer.delete', { type: 'offer', id: params.id }, { name: offer.name });
      return c.body(null, 204);
    },
  }),
];
