import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../appContext';
import { parseBody } from '../body';
import { createWriteKey, listKeys, revokeKey } from '../services/writeKeys';

const NewWriteKey = z.object({ name: z.string().trim().min(1).max(200).default('default') });

/** Write keys for the ingest API; the plain key is only in the answer to POST. */
export const writeKeyRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.json({ writeKeys: listKeys(c.var.deps.db) }))
  .post('/', async (c) => c.json(createWriteKey(c.var.deps.db, (await parseBody(c, NewWriteKey)).name), 201))
  .delete('/:id', (c) => {
    revokeKey(c.var.deps.db, c.req.param('id'));
    return c.body(null, 204);
  });
