import { z } from 'zod';
import { audit } from '../services/audit';
import { CustomerEventsQuery, pageOfCustomerEvents } from '../services/customerEvents';
import { CustomerQuery, customerProfile, deleteCustomer, pageOfCustomers, setSuppressed } from '../services/customers';
import { IdParams } from './params';
import { route } from './route';
import { Customer, CustomerDeleted, CustomerEventPage, CustomerProfile } from '../responses/customers';
import { SortedCustomerPage } from '../responses/lists';

const tag = 'customers';

/**
 * Customers: list and search, profile, events, delete (GDPR erase) and suppress. Every `:id` may be a
 * former id (an `anon:` id or an aliased previousId): the route acts on the customer it was merged into.
 */
export const customerRoutes = [
  route({
    method: 'GET', path: '/api/customers', role: 'viewer', tag, summary: 'Search, sort and page through customers (by id, email or trait; by stage or segment; natural order by id, name or email), with how many match', query: CustomerQuery, ok: { status: 200, schema: SortedCustomerPage },
    handler: async (c, { query }) => c.json(await pageOfCustomers(c.var.deps.db, query)),
  }),
  route({
    method: 'GET', path: '/api/customers/:id', role: 'viewer', tag, ok: { status: 200, schema: CustomerProfile }, params: IdParams,
    summary: "A customer's profile: traits, stage history, newest events, messages, offers, runs. A former id answers the merged customer (customer.id is current, requestedId the id asked for)",
    handler: async (c, { params }) => c.json(await customerProfile(c.var.deps.db, params.id)),
  }),
  route({
    method: 'GET', path: '/api/customers/:id/events', role: 'viewer', tag, params: IdParams, query: CustomerEventsQuery, ok: { status: 200, schema: CustomerEventPage },
    summary: "A page of a customer's events, newest first by (timestamp, id); pass nextCursor as cursor for the next older page",
    handler: async (c, { params, query }) => c.json(await pageOfCustomerEvents(c.var.deps.db, params.id, query)),
  }),
  route({
    method: 'DELETE', path: '/api/customers/:id', role: 'admin', tag, summary: 'Delete a customer and all their data; their active runs are cancelled', params: IdParams, ok: { status: 200, schema: CustomerDeleted },
    handler: async (c, { params }) => {
      const result = await deleteCustomer(c.var.deps.db, c.var.deps.temporal, params.id);
      await audit(c, 'customer.delete', { type: 'customer', id: result.customerId }, { cancelledRuns: result.cancelledRuns });
      return c.json({ deleted: true, cancelledRuns: result.cancelledRuns });
    },
  }),
  route({
    method: 'POST', path: '/api/customers/:id/suppress', role: 'admin', tag, summary: 'Suppress a customer (never message them again) or lift it', params: IdParams, body: z.object({ suppressed: z.boolean() }), ok: { status: 200, schema: Customer },
    handler: async (c, { params, body }) => {
      const customer = await setSuppressed(c.var.deps.db, params.id, body.suppressed);
      await audit(c, body.suppressed ? 'customer.suppress' : 'customer.unsuppress', { type: 'customer', id: customer.id });
      return c.json(customer);
    },
  }),
];
