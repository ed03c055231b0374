import { z } from 'zod';
import { SegmentGroup } from '@lifecycle/journey';
import { audit } from '../services/audit';
import { previewSegment } from '../services/segmentMembership';
import { checkEvaluable, createSegment, findSegment, listWithSizes, removeSegment, saveSegment, SegmentInput } from '../services/segments';
import { IdParams } from './params';
import { route } from './route';
import { Segment, SegmentList, SegmentPreview } from '../responses/customers';

const tag = 'segments';

/** Segments: saved condition sets whose membership is kept current as events arrive. */
export const segmentRoutes = [
  route({ method: 'GET', path: '/api/segments', role: 'viewer', tag, summary: 'List segments with their sizes', ok: { status: 200, schema: SegmentList }, handler: async (c) => c.json({ segments: await listWithSizes(c.var.deps.db) }) }),
  route({
    method: 'POST', path: '/api/segments/preview', role: 'viewer', tag, summary: 'Size and a sample of the customers a definition matches now', body: z.object({ definition: SegmentGroup, sample: z.number().int().min(0).max(50).default(10) }), ok: { status: 200, schema: SegmentPreview },
    handler: async (c, { body }) => {
      await checkEvaluable(c.var.deps.db, body.definition);
      return c.json(await previewSegment(c.var.deps.db, body.definition, body.sample));
    },
  }),
  route({
    method: 'POST', path: '/api/segments', role: 'marketer', tag, summary: 'Create a segment (its memberships are filled at once)', body: SegmentInput, ok: { status: 201, schema: Segment },
    handler: async (c, { body }) => {
      const segment = await createSegment(c.var.deps.db, body);
      await audit(c, 'segment.create', { type: 'segment', id: segment.id }, { name: segment.name });
      return c.json(segment, 201);
    },
  }),
  route({ method: 'GET', path: '/api/segments/:id', role: 'viewer', tag, summary: 'One segment', params: IdParams, ok: { status: 200, schema: Segment }, handler: async (c, { params }) => c.json(await findSegment(c.var.deps.db, params.id)) }),
  route({
    method: 'PUT', path: '/api/segments/:id', role: 'marketer', tag, summary: 'Save a segment', params: IdParams, body: SegmentInput, ok: { status: 200, schema: Segment },
    handler: async (c, { params, body }) => {
      const segment = await saveSegment(c.var.deps.db, params.id, body);
      await audit(c, 'segment.update', { type: 'segment', id: params.id }, { name: segment.name });
      return c.json(segment);
    },
  }),
  route({
    method: 'DELETE', path: '/api/segments/:id', role: 'marketer', tag, summary: 'Delete a segment (409 while another segment refers to it)', params: IdParams, ok: { status: 204 },
    handler: async (c, { params }) => {
      await removeSegment(c.var.deps.db, params.id);
      await audit(c, 'segment.delete', { type: 'segment', id: params.id });
      return c.body(null, 204);
    },
  }),
];
