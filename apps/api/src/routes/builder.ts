import { z } from 'zod';
import { listEventNames } from '../services/builder/eventNames';
import { countNodes } from '../services/builder/nodeCounts';
import { sendTestEmail } from '../services/builder/sendTest';
import { TestSendInput } from '../services/builder/testSend';
import { PreviewInput, previewTemplate } from '../services/builder/templatePreview';
import { route } from './route';
import { TemplatePreview, TestSent } from '../responses/content';
import { EventNames, NodeCountsAnswer } from '../responses/journeys';

const VersionParams = z.object({ id: z.string().min(1).max(200), versionId: z.string().min(1).max(200) });

/** What the journey builder reads while a marketer draws: node counts, event names seen, template previews. */
export const builderRoutes = [
  route({
    method: 'GET', path: '/api/journeys/:id/versions/:versionId/counts', role: 'viewer', tag: 'journeys', summary: 'Customers at and past each node of a version',
    params: VersionParams, ok: { status: 200, schema: NodeCountsAnswer },
    handler: async (c, { params }) => c.json(await countNodes(c.var.deps.db, params.id, params.versionId)),
  }),
  route({
    method: 'GET', path: '/api/events/names', role: 'viewer', tag: 'events', summary: 'Event names seen, most recent first', ok: { status: 200, schema: EventNames },
    handler: async (c) => c.json(await listEventNames(c.var.deps.db)),
  }),
  route({
    method: 'POST', path: '/api/templates/preview', role: 'marketer', tag: 'templates', summary: 'Render a template against a customer or sample traits',
    body: PreviewInput, ok: { status: 200, schema: TemplatePreview },
    handler: async (c, { body }) => c.json(await previewTemplate(c.var.deps.db, body)),
  }),
  route({
    method: 'POST', path: '/api/templates/:id/test-send', role: 'marketer', tag: 'templates', summary: 'Send a test email of a template (through the worker)',
    params: z.object({ id: z.string().min(1).max(200) }), body: TestSendInput, ok: { status: 200, schema: TestSent },
    handler: async (c, { params, body }) => c.json(await sendTestEmail(c.var.deps.db, c.var.deps.temporal, params.id, body)),
  }),
];
