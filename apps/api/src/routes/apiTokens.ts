import { HttpError } from '../errors';
import * as tokens from '../services/apiTokens';
import { audit } from '../services/audit';
import { IdParams } from './params';
import { route } from './route';
import { ApiTokenList, CreatedApiToken } from '../responses/access';

const tag = 'API tokens';

/** Bearer tokens for automation: each has a role no stronger than its creator's; the token is shown once. */
export const apiTokenRoutes = [
  route({ method: 'GET', path: '/api/tokens', role: 'admin', tag, summary: 'List API tokens (without the tokens)', ok: { status: 200, schema: ApiTokenList }, handler: async (c) => c.json({ tokens: await tokens.listAll(c.var.deps.db) }) }),
  route({
    method: 'POST', path: '/api/tokens', role: 'admin', tag, summary: 'Create an API token (shown once)', body: tokens.NewApiToken, ok: { status: 201, schema: CreatedApiToken },
    handler: async (c, { body }) => {
      const principal = c.var.principal;
      if (!principal) throw new HttpError(401, 'unauthorized', 'sign in first');
      const creator = principal.kind === 'session' ? { userId: principal.user.id, role: principal.role } : { userId: principal.token.createdBy, role: principal.role };
      const created = await tokens.createApiToken(c.var.deps.db, body, creator);
      await audit(c, 'api_token.create', { type: 'api_token', id: created.id }, { name: created.name, role: created.role });
      return c.json(created, 201);
    },
  }),
  route({
    method: 'DELETE', path: '/api/tokens/:id', role: 'admin', tag, summary: 'Revoke an API token', params: IdParams, ok: { status: 204 },
    handler: async (c, { params }) => {
      const token = await tokens.revoke(c.var.deps.db, params.id);
      await audit(c, 'api_token.revoke', { type: 'api_token', id: token.id }, { name: token.name });
      return c.body(null, 204);
    },
  }),
];
