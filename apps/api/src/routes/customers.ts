import { z } from 'zod';
import { audit } from '../services/audit';
import { CustomerQuery, customerProfile, deleteCustomer, pageOfCustomers, setSuppressed } from '../services/customers';
import { IdParams } from './params';
import { route } from './route';
import { Customer, CustomerDeleted, CustomerPage, CustomerProfile } from '../responses/customers';

const tag = 'customers';

/** Customers: list and search, profile, delete (GDPR erase) and suppress. */
export const customerRoutes = [
  route({
    method: 'GET', path: '/api/customers', role: 'viewer', tag, summary: 'Search and page through customers (by id, email or trait; by stage or segment)', query: CustomerQuery, ok: { status: 200, schema: CustomerPage },
    handler: (c, { query }) => c.json(pageOfCustomers(c.var.deps.db, query)),
  }),
  route({
    method: 'GET', path: '/api/customers/:id', role: 'viewer', tag, summary: "A customer's profile: traits, stage history, events, messages, offers, runs", params: IdParams, ok: { status: 200, schema: CustomerProfile },
    handler: (c, { params }) => c.json(customerProfile(c.var.deps.db, params.id)),
  }),
  route({
    method: 'DELETE', path: '/api/customers/:id', role: 'admin', tag, summary: 'Delete a customer and all their data; their active runs are cancelled', params: IdParams, ok: { status: 200, schema: CustomerDeleted },
    handler: async (c, { params }) => {
      const result = await deleteCustomer(c.var.deps.db, c.var.deps.temporal, params.id);
      audit(c, 'customer.delete', { type: 'customer', id: params.id }, result);
      return c.json({ deleted: true, ...result });
    },
  }),
  route({
    method: 'POST', path: '/api/customers/:id/suppress', role: 'admin', tag, summary: 'Suppress a customer (never message them again) or lift it', params: IdParams, body: z.object({ suppressed: z.boolean() }), ok: { status: 200, schema: Customer },
    handler: (c, { params, body }) => {
      const customer = setSuppressed(c.var.deps.db, params.id, body.suppressed);
      audit(c, body.suppressed ? 'customer.suppress' : 'customer.unsuppress', { type: 'customer', id: params.id });
      return c.json(customer);
    },
  }),
];
