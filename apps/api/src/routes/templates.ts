import { audit } from '../services/audit';
import * as templates from '../services/templates';
import { IdParams } from './params';
import { Template, TemplateList, TemplatePreview } from '../responses/content';
import { VariableCatalogue, variableCatalogue } from '../services/variableCatalog';
import { PreviewInput } from '../services/builder/templatePreview';
import { route } from './route';

const tag = 'templates';

/** Email templates (Liquid); saving renders them against sample data under the sandbox limits. */
export const templateRoutes = [
  route({ method: 'GET', path: '/api/templates', role: 'viewer', tag, summary: 'List templates', ok: { status: 200, schema: TemplateList }, handler: (c) => c.json({ templates: templates.listAll(c.var.deps.db) }) }),
  route({
    method: 'POST', path: '/api/templates', role: 'marketer', tag, summary: 'Create a template', body: templates.TemplateInput, ok: { status: 201, schema: Template },
    handler: async (c, { body }) => {
      const template = await templates.createTemplate(c.var.deps.db, body);
      audit(c, 'template.create', { type: 'template', id: template.id }, { name: template.name });
      return c.json(template, 201);
    },
  }),
  route({
    method: 'GET', path: '/api/templates/variables', role: 'viewer', tag, summary: 'Variables a template can use: traits, event properties and offers seen in recent data',
    ok: { status: 200, schema: VariableCatalogue }, handler: (c) => c.json(variableCatalogue(c.var.deps.db)),
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
  route({ method: 'GET', path: '/api/templates/:id', role: 'viewer', tag, summary: 'One template', params: IdParams, ok: { status: 200, schema: Template }, handler: (c, { params }) => c.json(templates.findTemplate(c.var.deps.db, params.id)) }),
  route({
    method: 'PUT', path: '/api/templates/:id', role: 'marketer', tag, summary: 'Replace a template', params: IdParams, body: templates.TemplateInput, ok: { status: 200, schema: Template },
    handler: async (c, { params, body }) => {
      const template = await templates.replaceTemplate(c.var.deps.db, params.id, body);
      audit(c, 'template.update', { type: 'template', id: params.id }, { name: template.name });
      return c.json(template);
    },
  }),
  route({
    method: 'DELETE', path: '/api/templates/:id', role: 'marketer', tag, summary: 'Delete a template (409 naming the journeys whose live version or runs in flight send it)', params: IdParams, ok: { status: 204 },
    handler: (c, { params }) => {
      const template = templates.removeTemplate(c.var.deps.db, params.id);
      audit(c, 'template.delete', { type: 'template', id: params.id }, { name: template.name });
      return c.body(null, 204);
    },
  }),
];
