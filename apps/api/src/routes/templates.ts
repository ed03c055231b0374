import { Hono } from 'hono';
import type { AppEnv } from '../appContext';
import { parseBody } from '../body';
import * as templates from '../services/templates';

/** Email templates (Liquid). */
export const templateRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.json({ templates: templates.listAll(c.var.deps.db) }))
  .post('/', async (c) => c.json(templates.createTemplate(c.var.deps.db, await parseBody(c, templates.TemplateInput)), 201))
  .get('/:id', (c) => c.json(templates.findTemplate(c.var.deps.db, c.req.param('id'))))
  .put('/:id', async (c) => c.json(templates.replaceTemplate(c.var.deps.db, c.req.param('id'), await parseBody(c, templates.TemplateInput))))
  .delete('/:id', (c) => {
    templates.removeTemplate(c.var.deps.db, c.req.param('id'));
    return c.body(null, 204);
  });
