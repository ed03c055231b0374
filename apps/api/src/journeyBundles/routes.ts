import { audit } from '../services/audit';
import { IdParams } from '../routes/params';
import { route } from '../routes/route';
import { bundleJson } from './bundleJson';
import { JourneyBundle } from './bundleSchema';
import { exportBundle } from './exportBundle';
import { ImportQuery, ImportResult, importBundle } from './importBundle';
import { ImportPreview, planImport } from './importPlan';

const tag = 'journeys';
/** A bundle carries its templates' HTML (at most 512 KB each): a few MB is plenty, more is refused unread (413). */
export const BUNDLE_BODY_BYTES = 4 * 1024 * 1024;

/** Journeys as code: export a journey with what it uses as one JSON bundle; preview and import one into this install. */
export const journeyBundleRoutes = [
  // Before `/api/journeys/:id/...` routes of the same shape could take `import` for an id.
  route({
    method: 'POST', path: '/api/journeys/import/preview', role: 'marketer', tag, body: JourneyBundle, maxBodyBytes: BUNDLE_BODY_BYTES, ok: { status: 200, schema: ImportPreview },
    summary: 'What importing a journey bundle would do (nothing written): the journey new or updated with its step diff, templates and offers new / same / different by name, segments found or missing',
    handler: async (c, { body }) => c.json((await planImport(c.var.deps.db, body)).preview),
  }),
  route({
    method: 'POST', path: '/api/journeys/import', role: 'marketer', tag, body: JourneyBundle, query: ImportQuery, maxBodyBytes: BUNDLE_BODY_BYTES, ok: { status: 201, schema: ImportResult },
    summary: 'Import a journey bundle: templates and offers matched by name (missing ones created), refs mapped to ids here, the draft created or replaced (never published)',
    handler: async (c, { body, query }) => {
      const result = await importBundle(c.var.deps.db, body, query);
      await audit(c, 'journey.import', { type: 'journey', id: result.journeyId }, { name: body.journey.name, status: result.status, templatesCreated: result.templatesCreated, offersCreated: result.offersCreated });
      return c.json(result, 201);
    },
  }),
  route({
    method: 'GET', path: '/api/journeys/:id/export', role: 'viewer', tag, params: IdParams, ok: { status: 200, schema: JourneyBundle },
    summary: 'The journey as code: its draft with the templates, offers and segments it uses, as one JSON bundle with name-based refs (keys in a fixed order, so two exports are byte-identical and diff line by line)',
    handler: async (c, { params }) => {
      const bundle = await exportBundle(c.var.deps.db, params.id);
      const file = `${bundle.journey.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'journey'}.journey.json`;
      return c.body(bundleJson(bundle), 200, { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="${file}"` });
    },
  }),
];
