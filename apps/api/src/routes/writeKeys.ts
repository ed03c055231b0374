import { z } from 'zod';
import { audit } from '../services/audit';
import { createWriteKey, listKeys, revokeKey } from '../services/writeKeys';
import { IdParams } from './params';
import { route } from './route';
import { CreatedWriteKey, WriteKeyList } from '../responses/access';

const tag = 'write keys';
const NewWriteKey = z.object({ name: z.string().max(200).trim().min(1).default('default') });

/** Write keys for the ingest API; the plain key is only in the answer to POST. */
export const writeKeyRoutes = [
  route({ method: 'GET', path: '/api/write-keys', role: 'admin', tag, summary: 'List write keys (without the keys)', ok: { status: 200, schema: WriteKeyList }, handler: async (c) => c.json({ writeKeys: await listKeys(c.var.deps.db) }) }),
  route({
    method: 'POST', path: '/api/write-keys', role: 'admin', tag, summary: 'Create a write key (shown once)', body: NewWriteKey, ok: { status: 201, schema: CreatedWriteKey },
    handler: async (c, { body }) => {
      const key = await createWriteKey(c.var.deps.db, body.name);
      await audit(c, 'write_key.create', { type: 'write_key', id: key.id }, { name: key.name, prefix: key.prefix });
      return c.json(key, 201);
    },
  }),
  route({
    method: 'DELETE', path: '/api/write-keys/:id', role: 'admin', tag, summary: 'Revoke a write key', params: IdParams, ok: { status: 204 },
    handler: async (c, { params }) => {
      await revokeKey(c.var.deps.db, params.id);
      await audit(c, 'write_key.revoke', { type: 'write_key', id: params.id });
      return c.body(null, 204);
    },
  }),
];
