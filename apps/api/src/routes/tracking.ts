import { Hono } from 'hono';
import type { AppEnv } from '../appContext';
import { claimedDelivery, recordClick, recordOpen, unsubscribe } from '../services/tracking';
import { unsubscribePage, unsubscribedPage } from './unsubscribePage';

const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const noCache = { 'cache-control': 'no-store, no-cache, must-revalidate, private', pragma: 'no-cache' };

/** Open pixel, click redirect and one-click unsubscribe. A bad token is a 404, never a redirect. */
export const trackingRoutes = new Hono<AppEnv>()
  .get('/t/o/:token', (c) => {
    const { db, config, dispatcher } = c.var.deps;
    const { delivery } = claimedDelivery(db, config.trackingSecret, c.req.param('token'), 'open');
    recordOpen(db, delivery);
    dispatcher.kick();
    return c.body(new Uint8Array(pixel), 200, { ...noCache, 'content-type': 'image/gif' });
  })
  .get('/t/c/:token', (c) => {
    const { db, config, dispatcher } = c.var.deps;
    const { claim, delivery } = claimedDelivery(db, config.trackingSecret, c.req.param('token'), 'click');
    if (!claim.url) return c.json({ error: 'invalid_token', message: 'this link is not valid' }, 404);
    recordClick(db, delivery, claim.url);
    dispatcher.kick();
    return c.redirect(claim.url, 302);
  })
  .get('/u/:token', (c) => {
    const { db, config } = c.var.deps;
    claimedDelivery(db, config.trackingSecret, c.req.param('token'), 'unsubscribe');
    return c.html(unsubscribePage(c.req.path), 200, noCache);
  })
  .post('/u/:token', (c) => {
    const { db, config } = c.var.deps;
    const { delivery } = claimedDelivery(db, config.trackingSecret, c.req.param('token'), 'unsubscribe');
    unsubscribe(db, delivery);
    // RFC 8058 clients post `List-Unsubscribe=One-Click` and only look at the status; people see the page.
    return c.html(unsubscribedPage(), 200, noCache);
  });
