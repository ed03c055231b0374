import type { Context } from 'hono';
import { countUsers, deleteSessionsOfUser, findUserByEmail, updateUser, useSetupToken } from '@lifecycle/db';
import { z } from 'zod';
import type { AppEnv } from '../appContext';
import { hashPassword, NewPassword, verifyPassword } from '../auth/passwords';
import { sha256 } from '../auth/secrets';
import { endSession, startSession } from '../auth/sessionCookie';
import { HttpError, rateLimited } from '../errors';
import { audit } from '../services/audit';
import { createUser, Email } from '../services/users';
import { clientAddress } from '../clientAddress';
import { route } from './route';
import { SetupNeeded, SignedIn, WhoAmI } from '../responses/access';

const tag = 'session';
const SignIn = z.object({ email: z.string().max(320).trim().toLowerCase().min(1), password: z.string().min(1).max(200) });
const PasswordChange = z.object({ currentPassword: z.string().min(1).max(200), newPassword: NewPassword });
const Setup = z.object({ token: z.string().min(1).max(200), email: Email, password: NewPassword });

function takeAttempt(c: Context<AppEnv>, key: string): void {
  const decision = c.var.deps.limiters.signIn.take(key);
  if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds, 'sign-in attempts');
}

const signedIn = (user: { id: string; email: string; role: string }, csrfToken: string | null) => ({ user: { id: user.id, email: user.email, role: user.role }, csrfToken });

/** Sign-in, sign-out, the current session, password change and the first admin's setup. */
export const sessionRoutes = [
  route({
    method: 'POST', path: '/api/session', role: 'public', tag, summary: 'Sign in: sets the lifecycle_session cookie, returns the CSRF token', body: SignIn, ok: { status: 200, schema: SignedIn },
    handler: async (c, { body }) => {
      takeAttempt(c, `${body.email}|${clientAddress(c, c.var.deps.config.trustedProxyHops)}`);
      const { db } = c.var.deps;
      const user = await findUserByEmail(db, body.email);
      const matches = await verifyPassword(user?.passwordHash, body.password);
      if (!user || !matches || user.disabled) throw new HttpError(401, 'invalid_credentials', 'the email or password is wrong');
      const { csrfToken } = await startSession(c, db, user);
      return c.json(signedIn(user, csrfToken));
    },
  }),
  route({
    method: 'GET', path: '/api/session', role: 'viewer', tag, summary: 'Who is signed in, with the CSRF token', ok: { status: 200, schema: WhoAmI },
    handler: (c) => {
      const principal = c.var.principal;
      if (principal?.kind === 'session') return c.json(signedIn(principal.user, principal.session.csrfToken));
      if (principal?.kind === 'token') return c.json({ user: null, token: { id: principal.token.id, name: principal.token.name, role: principal.role }, csrfToken: null });
      throw new HttpError(401, 'unauthorized', 'sign in first');
    },
  }),
  route({
    method: 'DELETE', path: '/api/session', role: 'viewer', tag, summary: 'Sign out', ok: { status: 204 },
    handler: async (c) => {
      const principal = c.var.principal;
      if (principal?.kind === 'session') await endSession(c, c.var.deps.db, principal.sessionId);
      return c.body(null, 204);
    },
  }),
  route({
    method: 'POST', path: '/api/session/password', role: 'viewer', tag, summary: 'Change your password (signs out your other sessions)', body: PasswordChange, ok: { status: 204 },
    handler: async (c, { body }) => {
      const principal = c.var.principal;
      if (principal?.kind !== 'session') throw new HttpError(403, 'session_required', 'sign in to change a password; API tokens have none');
      takeAttempt(c, `password|${principal.user.id}`);
      if (!(await verifyPassword(principal.user.passwordHash, body.currentPassword))) {
        throw new HttpError(400, 'wrong_password', 'the current password is wrong', { issues: [{ path: 'currentPassword', message: 'wrong password' }] });
      }
      const { db } = c.var.deps;
      await updateUser(db, principal.user.id, { passwordHash: await hashPassword(body.newPassword) });
      await deleteSessionsOfUser(db, principal.user.id, principal.session.idHash);
      await audit(c, 'user.change_password', { type: 'user', id: principal.user.id });
      return c.body(null, 204);
    },
  }),
  route({ method: 'GET', path: '/api/setup', role: 'public', tag, summary: 'Whether the first admin still has to be created', ok: { status: 200, schema: SetupNeeded }, handler: async (c) => c.json({ needed: (await countUsers(c.var.deps.db)) === 0 }) }),
  route({
    method: 'POST', path: '/api/setup', role: 'public', tag, summary: 'Create the first admin with the one-time setup link token (signs in)', body: Setup, ok: { status: 201, schema: SignedIn },
    handler: async (c, { body }) => {
      const { db } = c.var.deps;
      if ((await countUsers(db)) > 0) throw new HttpError(409, 'already_set_up', 'an account exists; sign in instead');
      takeAttempt(c, `setup|${clientAddress(c, c.var.deps.config.trustedProxyHops)}`);
      if (!(await useSetupToken(db, sha256(body.token)))) throw new HttpError(403, 'invalid_setup_token', 'this setup link is unknown, used or expired; restart the API for a new one');
      const user = await createUser(db, { email: body.email, password: body.password, role: 'admin' });
      const { csrfToken } = await startSession(c, db, user);
      c.set('principal', undefined);
      await audit(c, 'user.setup', { type: 'user', id: user.id }, { email: user.email });
      return c.json(signedIn(user, csrfToken), 201);
    },
  }),
];
