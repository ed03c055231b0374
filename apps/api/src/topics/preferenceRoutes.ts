import { TokenParams } from '../routes/params';
import { route } from '../routes/route';
import { preferencePage } from './preferencePage';
import { formChange, preferenceCustomer, preferenceModel } from './preferences';
import { applySubscriptionChange } from './subscriptionChanges';

// The token is the credential: never cached, never sent on as a Referer.
const headers = { 'cache-control': 'no-store, no-cache, must-revalidate, private', pragma: 'no-cache', 'referrer-policy': 'no-referrer' };
const tag = 'tracking';

/** The hosted preference page every email links to (`{{ preferences_url }}` and the footer). A bad token is a 404. */
export const preferenceRoutes = [
  route({
    method: 'GET', path: '/p/:token', role: 'public', tag, summary: 'Email preference page (signed link): topics with their checkboxes and "unsubscribe from everything"', params: TokenParams, ok: { status: 200, type: 'text/html' },
    handler: async (c, { params }) => {
      const { db, config } = c.var.deps;
      const { customerId } = await preferenceCustomer(db, config.trackingSecret, params.token);
      return c.html(preferencePage(await preferenceModel(db, customerId, c.req.path, false)), 200, headers);
    },
  }),
  route({
    method: 'POST', path: '/p/:token', role: 'public', tag, summary: 'Save the preference page (form post): opt in and out per topic, or from everything; emits subscribed/unsubscribed events', params: TokenParams, bodyMode: 'raw', maxBodyBytes: 64 * 1024, ok: { status: 200, type: 'text/html' },
    handler: async (c, { params }) => {
      const { db, config, dispatcher } = c.var.deps;
      const { customerId, deliveryId } = await preferenceCustomer(db, config.trackingSecret, params.token);
      const change = await formChange(db, customerId, new URLSearchParams(await c.req.text()));
      if ((await applySubscriptionChange(db, customerId, change, 'preference_page', deliveryId)).length > 0) dispatcher.kick();
      return c.html(preferencePage(await preferenceModel(db, customerId, c.req.path, true)), 200, headers);
    },
  }),
];
