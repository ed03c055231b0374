import { Hono } from 'hono';
import type { AppEnv } from '../appContext';
import { parseBody } from '../body';
import * as offers from '../services/offers';

/** Offers and their code pools. */
export const offerRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.json({ offers: offers.listAll(c.var.deps.db) }))
  .post('/', async (c) => c.json(offers.create(c.var.deps.db, await parseBody(c, offers.OfferInput)), 201))
  .get('/:id', (c) => c.json(offers.findOffer(c.var.deps.db, c.req.param('id'))))
  .post('/:id/codes', async (c) => c.json(offers.addCodes(c.var.deps.db, c.req.param('id'), await parseBody(c, offers.CodesInput))));
