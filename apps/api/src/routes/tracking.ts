import { claimedDelivery, recordClick, recordOpen, unsubscribe } from '../services/tracking';
import { TokenParams } from './params';
import { route } from './route';
import { unsubscribePage, unsubscribedPage } from './unsubscribePage';

const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const noCache = { 'cache-control': 'no-store, no-cache, must-revalidate, private', pragma: 'no-cache' };
const tag = 'tracking';

/** Open pixel, click redirect and one-click unsubscribe. A bad token is a 404, never a redirect. */
export const trackingRoutes = [
  route({
    method: 'GET', path: '/t/o/:token', role: 'public', tag, summary: 'Open pixel (signed token)', params: TokenParams, ok: { status: 200, type: 'image/gif' },
    handler: async (c, { params }) => {
      const { db, config, dispatcher } = c.var.deps;
      const { delivery } = await claimedDelivery(db, config.trackingSecret, params.token, 'open');
      await recordOpen(db, delivery);
      dispatcher.kick();
      return c.body(new Uint8Array(pixel), 200, { ...noCache, 'content-type': 'image/gif' });
    },
  }),
  route({
    method: 'GET', path: '/t/c/:token', role: 'public', tag, summary: 'Click redirect to the signed URL only', params: TokenParams, ok: { status: 302 },
    handler: async (c, { params }) => {
      const { db, config, dispatcher } = c.var.deps;
      const { claim, delivery } = await claimedDelivery(db, config.trackingSecret, params.token, 'click');
      if (!claim.url) return c.json({ error: 'invalid_token', message: 'this link is not valid' }, 404);
      await recordClick(db, delivery, claim.url);
      dispatcher.kick();
      return c.redirect(claim.url, 302);
    },
  }),
  route({
    method: 'GET', path: '/u/:token', role: 'public', tag, summary: 'Unsubscribe confirmation page', params: TokenParams, ok: { status: 200, type: 'text/html' },
    handler: async (c, { params }) => {
      const { db, config } = c.var.deps;
      await claimedDelivery(db, config.trackingSecret, params.token, 'unsubscribe');
      return c.html(unsubscribePage(c.req.path), 200, noCache);
    },
  }),
  route({
    method: 'POST', path: '/u/:token', role: 'public', tag, summary: 'One-click unsubscribe (RFC 8058)', params: TokenParams, bodyMode: 'raw', maxBodyBytes: 4096, ok: { status: 200, type: 'text/html' },
    handler: async (c, { params }) => {
      const { db, config, dispatcher } = c.var.deps;
      const { delivery } = await claimedDelivery(db, config.trackingSecret, params.token, 'unsubscribe');
      if (await unsubscribe(db, delivery)) dispatcher.kick();
      // RFC 8058 clients post `List-Unsubscribe=One-Click` and only look at the status; people see the page.
      return c.html(unsubscribedPage(), 200, noCache);
    },
  }),
];
