import { actorOf } from '../auth/principal';
import { audit } from '../services/audit';
import * as history from '../services/templateHistory';
import * as templates from '../services/templates';
import { IdParams } from './params';
import { Template, TemplateList, TemplatePreview } from '../responses/content';
import { VariableCatalogue, variableCatalogue } from '../services/variableCatalog';
import { PreviewInput } from '../services/builder/templatePreview';
import { route } from './route';

const tag = 'templates';

/** Email templates (Liquid); saving renders them against sample data under the sandbox limits. */
export const templateRoutes = [
  route({ method: 'GET', path: '/api/templates', role: 'viewer', tag, summary: 'List templates', ok: { status: 200, schema: TemplateList }, handler: async (c) => c.json({ templates: await templates.listAll(c.var.deps.db) }) }),
  route({
    method: 'POST', path: '/api/templates', role: 'marketer', tag, summary: 'Create a template', body: templates.TemplateInput, ok: { status: 201, schema: Template },
    handler: async (c, { body }) => {
      const template = await templates.createTemplate(c.var.deps.db, body, actorOf(c.var.principal).actorLabel);
      await audit(c, 'template.create', { type: 'template', id: template.id }, { name: template.name });
      return c.json(template, 201);
    },
  }),
  route({
    method: 'GET', path: '/api/templates/variables', role: 'viewer', tag, summary: 'Variables a template can use: traits, event properties and offers seen in recent data',
    ok: { status: 200, schema: VariableCatalogue }, handler: async (c) => c.json(await variableCatalogue(c.var.deps.db)),
  }),
  route({
    method: 'POST', path: '/api/templates/render', role: 'marketer', tag, summary: 'Render the template being edited; a field that does not parse is answered as { ok: false, field }',
    body: PreviewInput, ok: { status: 200, schema: templates.RenderAnswer },
    handler: async (c, { body }) => c.json(await templates.renderDraft(c.var.deps.db, body)),
  }),
  route({
    method: 'GET', path: '/api/templates/:id/preview', role: 'viewer', tag, summary: 'A saved template rendered for a customer (customerId) or sample traits',
    params: IdParams, query: templates.SavedPreviewQuery, ok: { status: 200, schema: TemplatePreview },
    handler: async (c, { params, query }) => c.json(await templates.previewSaved(c.var.deps.db, params.id, query)),
  }),
  route({ method: 'GET', path: '/api/templates/:id', role: 'viewer', tag, summary: 'One template', params: IdParams, ok: { status: 200, schema: Template }, handler: async (c, { params }) => c.json(await templates.findTemplate(c.var.deps.db, params.id)) }),
  route({
    method: 'PUT', path: '/api/templates/:id', role: 'marketer', tag, summary: 'Replace a template', params: IdParams, body: templates.TemplateInput, ok: { status: 200, schema: Template },
    handler: async (c, { params, body }) => {
      const template = await templates.replaceTemplate(c.var.deps.db, params.id, body, actorOf(c.var.principal).actorLabel);
      await audit(c, 'template.update', { type: 'template', id: params.id }, { name: template.name });
      return c.json(template);
    },
  }),
  route({
    method: 'GET', path: '/api/templates/:id/revisions', role: 'viewer', tag, summary: 'The template\'s revisions (newest first) and the revision each live journey version sends',
    params: IdParams, ok: { status: 200, schema: history.TemplateHistory }, handler: async (c, { params }) => c.json(await history.templateHistory(c.var.deps.db, params.id)),
  }),
  route({
    method: 'GET', path: '/api/templates/:id/revisions/:revision', role: 'viewer', tag, summary: 'One revision of a template, with its bodies',
    params: history.RevisionParams, ok: { status: 200, schema: history.TemplateRevision }, handler: async (c, { params }) => c.json(await history.findRevision(c.var.deps.db, params)),
  }),
  route({
    method: 'POST', path: '/api/templates/:id/revisions/:revision/restore', role: 'marketer', tag, summary: 'Save a revision again as the template\'s newest revision',
    params: history.RevisionParams, ok: { status: 200, schema: Template },
    handler: async (c, { params }) => {
      const template = await history.restoreRevision(c.var.deps.db, params, actorOf(c.var.principal).actorLabel);
      await audit(c, 'template.restore', { type: 'template', id: params.id }, { name: template.name, revision: params.revision });
      return c.json(template);
    },
  }),
  route({
    method: 'DELETE', path: '/api/templates/:id', role: 'marketer', tag, summary: 'Delete a template (409 naming the journeys whose live version or runs in flight send it)', params: IdParams, ok: { status: 204 },
    handler: async (c, { params }) => {
      const template = await templates.removeTemplate(c.var.deps.db, params.id);
      await audit(c, 'template.delete', { type: 'template', id: params.id }, { name: template.name });
      return c.body(null, 204);
    },
  }),
];
