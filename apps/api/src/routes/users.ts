import { audit } from '../services/audit';
import * as users from '../services/users';
import { IdParams } from './params';
import { route } from './route';
import { User, UserList } from '../responses/access';

const tag = 'users';

/** Accounts, managed by admins. */
export const userRoutes = [
  route({ method: 'GET', path: '/api/users', role: 'admin', tag, summary: 'List users', ok: { status: 200, schema: UserList }, handler: async (c) => c.json({ users: await users.listAll(c.var.deps.db) }) }),
  route({
    method: 'POST', path: '/api/users', role: 'admin', tag, summary: 'Create a user', body: users.NewUser, ok: { status: 201, schema: User },
    handler: async (c, { body }) => {
      const user = await users.createUser(c.var.deps.db, body);
      await audit(c, 'user.create', { type: 'user', id: user.id }, { email: user.email, role: user.role });
      return c.json(users.publicUser(user), 201);
    },
  }),
  route({
    method: 'PATCH', path: '/api/users/:id', role: 'admin', tag, summary: "Change a user's role or disable them", params: IdParams, body: users.UserChange, ok: { status: 200, schema: User },
    handler: async (c, { params, body }) => {
      const user = await users.changeUser(c.var.deps.db, params.id, body);
      await audit(c, 'user.update', { type: 'user', id: user.id }, { email: user.email, ...body });
      return c.json(users.publicUser(user));
    },
  }),
  route({
    method: 'DELETE', path: '/api/users/:id', role: 'admin', tag, summary: 'Delete a user (with their sessions and API tokens)', params: IdParams, ok: { status: 204 },
    handler: async (c, { params }) => {
      const principal = c.var.principal;
      const byUserId = principal?.kind === 'session' ? principal.user.id : null;
      const user = await users.removeUser(c.var.deps.db, params.id, byUserId);
      await audit(c, 'user.delete', { type: 'user', id: user.id }, { email: user.email });
      return c.body(null, 204);
    },
  }),
];
