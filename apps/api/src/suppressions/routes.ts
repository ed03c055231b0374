import { activeSuppressionOf, findSuppression, listSuppressions, removeSuppression, setSoftBounceThreshold, softBounceThreshold, softFailureCount, suppressAddress } from '@lifecycle/db';
import { actorOf } from '../auth/principal';
import { HttpError, notFound } from '../errors';
import { IdParams } from '../routes/params';
import { route } from '../routes/route';
import { audit } from '../services/audit';
import { NewSuppression, Suppression, SuppressionLookup, SuppressionLookupQuery, SuppressionPage, SuppressionQuery, SuppressionSettings } from './schemas';
import { bounceWebhookRoutes } from './webhookRoutes';

const tag = 'suppressions';

/** The suppression list: read by everyone signed in, changed by admins (every change audited), and the bounce webhook. */
export const suppressionRoutes = [
  ...bounceWebhookRoutes,
  route({
    method: 'GET', path: '/api/suppressions', role: 'viewer', tag, summary: 'Suppressed addresses, newest first, searchable by address (paged)', query: SuppressionQuery, ok: { status: 200, schema: SuppressionPage },
    handler: async (c, { query }) => c.json(await listSuppressions(c.var.deps.db, { search: query.q || undefined, includeRemoved: query.status === 'all', limit: query.limit, cursor: query.cursor })),
  }),
  route({
    method: 'GET', path: '/api/suppressions/lookup', role: 'viewer', tag, summary: 'Whether one address is suppressed, and why', query: SuppressionLookupQuery, ok: { status: 200, schema: SuppressionLookup },
    handler: async (c, { query }) => {
      const { db } = c.var.deps;
      return c.json({ suppression: (await activeSuppressionOf(db, query.address)) ?? null, softFailures: await softFailureCount(db, query.address) });
    },
  }),
  route({
    method: 'POST', path: '/api/suppressions', role: 'admin', tag, summary: 'Suppress an address by hand', body: NewSuppression, ok: { status: 201, schema: Suppression },
    handler: async (c, { body }) => {
      const { suppression, created } = await suppressAddress(c.var.deps.db, { address: body.address, reason: body.reason, source: 'admin', createdBy: actorOf(c.var.principal).actorLabel });
      if (!created) throw new HttpError(409, 'already_suppressed', `${suppression.address} is already suppressed: ${suppression.reason}`, { suppression });
      await audit(c, 'suppression.add', { type: 'suppression', id: suppression.id }, { address: suppression.address, reason: suppression.reason });
      return c.json(suppression, 201);
    },
  }),
  route({
    method: 'DELETE', path: '/api/suppressions/:id', role: 'admin', tag, summary: 'Remove an address from the suppression list (recorded with who removed it)', params: IdParams, ok: { status: 200, schema: Suppression },
    handler: async (c, { params }) => {
      const { db } = c.var.deps;
      const removed = await removeSuppression(db, params.id, actorOf(c.var.principal).actorLabel);
      if (!removed) {
        if (await findSuppression(db, params.id)) throw new HttpError(409, 'already_removed', `suppression ${params.id} was already removed`);
        throw notFound('suppression', params.id);
      }
      await audit(c, 'suppression.remove', { type: 'suppression', id: removed.id }, { address: removed.address, reason: removed.reason, source: removed.source });
      return c.json(removed);
    },
  }),
  route({
    method: 'GET', path: '/api/suppressions/settings', role: 'viewer', tag, summary: 'How many soft failures in a row suppress an address', ok: { status: 200, schema: SuppressionSettings },
    handler: async (c) => c.json({ softBounceThreshold: await softBounceThreshold(c.var.deps.db) }),
  }),
  route({
    method: 'PUT', path: '/api/suppressions/settings', role: 'admin', tag, summary: 'Set how many soft failures in a row suppress an address', body: SuppressionSettings, ok: { status: 200, schema: SuppressionSettings },
    handler: async (c, { body }) => {
      await setSoftBounceThreshold(c.var.deps.db, body.softBounceThreshold);
      await audit(c, 'suppression.settings', { type: 'settings', id: 'suppressions' }, body);
      return c.json(body);
    },
  }),
];
