import { allowHost, deleteSecret, listAllowedHosts, listSecrets, putSecret, removeAllowedHost } from '@lifecycle/db';
import { actorOf } from '../auth/principal';
import { notFound } from '../errors';
import { route } from '../routes/route';
import { audit } from '../services/audit';
import { AllowedHost, AllowedHostBody, AllowedHostList, AllowedHostParams, SecretBody, SecretList, SecretParams, SecretSummary } from './schemas';

const tag = 'outbound calls';

/**
 * Workspace secrets (webhook headers and signing keys, named by nodes) and the hosts outbound calls may reach
 * although they are private. Admins write both; a secret's value is never answered, not even to an admin.
 */
export const outboundSettingsRoutes = [
  route({ method: 'GET', path: '/api/secrets', role: 'viewer', tag, summary: 'List workspace secrets (names only)', ok: { status: 200, schema: SecretList }, handler: async (c) => c.json({ secrets: await listSecrets(c.var.deps.db) }) }),
  route({
    method: 'PUT', path: '/api/secrets/:name', role: 'admin', tag, summary: 'Create or replace a secret (the value is write-only)', params: SecretParams, body: SecretBody, ok: { status: 200, schema: SecretSummary },
    handler: async (c, { params, body }) => {
      const saved = await putSecret(c.var.deps.db, { name: params.name, value: body.value, by: actorOf(c.var.principal).actorLabel, deploymentSecret: c.var.deps.config.trackingSecret });
      await audit(c, 'secret.put', { type: 'secret', id: params.name });
      return c.json(saved, 200);
    },
  }),
  route({
    method: 'DELETE', path: '/api/secrets/:name', role: 'admin', tag, summary: 'Delete a secret', params: SecretParams, ok: { status: 204 },
    handler: async (c, { params }) => {
      if (!(await deleteSecret(c.var.deps.db, params.name))) throw notFound('secret', params.name);
      await audit(c, 'secret.delete', { type: 'secret', id: params.name });
      return c.body(null, 204);
    },
  }),
  route({ method: 'GET', path: '/api/outbound/allowed-hosts', role: 'viewer', tag, summary: 'Hosts outbound calls may reach although private', ok: { status: 200, schema: AllowedHostList }, handler: async (c) => c.json({ hosts: await listAllowedHosts(c.var.deps.db) }) }),
  route({
    method: 'POST', path: '/api/outbound/allowed-hosts', role: 'admin', tag, summary: 'Allow a private host for webhooks', body: AllowedHostBody, ok: { status: 201, schema: AllowedHost },
    handler: async (c, { body }) => {
      const allowed = await allowHost(c.var.deps.db, body.host, actorOf(c.var.principal).actorLabel);
      await audit(c, 'outbound_host.allow', { type: 'outbound_host', id: allowed.host });
      return c.json(allowed, 201);
    },
  }),
  route({
    method: 'DELETE', path: '/api/outbound/allowed-hosts/:host', role: 'admin', tag, summary: 'Stop allowing a private host', params: AllowedHostParams, ok: { status: 204 },
    handler: async (c, { params }) => {
      if (!(await removeAllowedHost(c.var.deps.db, params.host))) throw notFound('allowed host', params.host);
      await audit(c, 'outbound_host.remove', { type: 'outbound_host', id: params.host });
      return c.body(null, 204);
    },
  }),
];
