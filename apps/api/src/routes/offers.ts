import { audit } from '../services/audit';
import * as offers from '../services/offers';
import { redeemThroughApi } from '../offers/redemption';
import { CodesAdded, IssuedCodesPage, IssuedCodesQuery, Offer, OfferList, Redemption, RedemptionInput } from '../offers/schemas';
import { IdParams } from './params';
import { route } from './route';

const tag = 'offers';

/** Offers, their code pools, the codes issued and their redemption. */
export const offerRoutes = [
  route({ method: 'GET', path: '/api/offers', role: 'viewer', tag, summary: 'List offers with codes left, issued and redeemed', ok: { status: 200, schema: OfferList }, handler: async (c) => c.json({ offers: await offers.listAll(c.var.deps.db) }) }),
  route({
    method: 'POST', path: '/api/offers', role: 'marketer', tag, summary: 'Create an offer (discount as a percentage or an amount in a currency)', body: offers.OfferInput, ok: { status: 201, schema: Offer },
    handler: async (c, { body }) => {
      const offer = await offers.create(c.var.deps.db, body);
      await audit(c, 'offer.create', { type: 'offer', id: offer.id }, { name: offer.name });
      return c.json(offer, 201);
    },
  }),
  route({ method: 'GET', path: '/api/offers/:id', role: 'viewer', tag, summary: 'One offer', params: IdParams, ok: { status: 200, schema: Offer }, handler: async (c, { params }) => c.json(await offers.findOffer(c.var.deps.db, params.id)) }),
  route({
    method: 'PATCH', path: '/api/offers/:id', role: 'marketer', tag, summary: 'Edit an offer (also while journeys grant it; where codes come from cannot change)', params: IdParams, body: offers.OfferPatch, ok: { status: 200, schema: Offer },
    handler: async (c, { params, body }) => {
      const offer = await offers.edit(c.var.deps.db, params.id, body);
      await audit(c, 'offer.update', { type: 'offer', id: offer.id }, { name: offer.name, fields: Object.keys(body) });
      return c.json(offer);
    },
  }),
  route({
    method: 'POST', path: '/api/offers/:id/codes', role: 'marketer', tag, summary: "Add or generate codes in an offer's pool (skipped codes named with the reason)", params: IdParams, body: offers.CodesInput, ok: { status: 200, schema: CodesAdded },
    handler: async (c, { params, body }) => {
      const result = await offers.addCodes(c.var.deps.db, params.id, body);
      await audit(c, 'offer.add_codes', { type: 'offer', id: params.id }, { added: result.added, skipped: result.skipped.length });
      return c.json(result);
    },
  }),
  route({
    method: 'GET', path: '/api/offers/:id/codes', role: 'viewer', tag, summary: 'A page of the codes issued to customers, newest first, with the customer and whether they redeemed it', params: IdParams, query: IssuedCodesQuery, ok: { status: 200, schema: IssuedCodesPage },
    handler: async (c, { params, query }) => c.json(await offers.issuedCodes(c.var.deps.db, params.id, query)),
  }),
  route({
    method: 'POST', path: '/api/offers/:id/redemptions', role: 'marketer', tag, summary: 'Mark an issued code used (idempotent; 404 for a code the offer lacks, 409 for one not issued or issued to someone else)', params: IdParams, body: RedemptionInput, ok: { status: 200, schema: Redemption },
    handler: async (c, { params, body }) => {
      const redemption = await redeemThroughApi(c.var.deps.db, params.id, body);
      if (redemption.outcome === 'redeemed') await audit(c, 'offer.redeem', { type: 'offer', id: params.id }, { code: redemption.code });
      return c.json(redemption);
    },
  }),
  route({
    method: 'DELETE', path: '/api/offers/:id', role: 'marketer', tag, summary: 'Delete an offer and its codes (409 naming the journeys whose live version or runs in flight grant it)', params: IdParams, ok: { status: 204 },
    handler: async (c, { params }) => {
      const offer = await offers.removeOffer(c.var.deps.db, params.id);
      await audit(c, 'offer.delete', { type: 'offer', id: params.id }, { name: offer.name });
      return c.body(null, 204);
    },
  }),
];
