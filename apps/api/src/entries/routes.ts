import { getWorkspaceTimeZone, setWorkspaceTimeZone } from '@lifecycle/db';
import { TimeZoneName } from '@lifecycle/journey';
import { z } from 'zod';
import { route } from '../routes/route';
import { IdParams } from '../routes/params';
import { audit } from '../services/audit';
import { schedulePreview } from './preview';

/** The workspace's settings: the time zone customers without a valid `timezone` trait live in. */
export const WorkspaceSettings = z.object({ timeZone: TimeZoneName.describe('an IANA time zone, e.g. Europe/Paris') });

export const SchedulePreviewAnswer = z.object({
  description: z.string().nullable().describe('the entry in words; null when the draft trigger enters on neither a schedule nor a date trait'),
  zone: z.string().nullable().describe('the time zone the occurrences are read in'),
  problem: z.string().nullable().describe('why the schedule cannot run (an unreadable cron expression)'),
  occurrences: z.array(z.object({ at: z.string(), local: z.string() })).describe('the next entries for the customer (or a customer with no traits)'),
  scheduled: z.array(z.object({ customerId: z.string(), dueAt: z.string().nullable() })).describe('the customers the live version enters next'),
});

const PreviewQuery = z.object({ customerId: z.string().min(1).max(200).optional() });

/** Workspace time zone and the scheduled-entry preview. */
export const entryRoutes = [
  route({
    method: 'GET', path: '/api/workspace/settings', role: 'viewer', tag: 'workspace', summary: "The workspace's settings (its time zone)",
    ok: { status: 200, schema: WorkspaceSettings }, handler: async (c) => c.json({ timeZone: await getWorkspaceTimeZone(c.var.deps.db) }),
  }),
  route({
    method: 'PUT', path: '/api/workspace/settings', role: 'admin', tag: 'workspace', summary: "Set the workspace's time zone (customers without a valid `timezone` trait live in it)",
    body: WorkspaceSettings, ok: { status: 200, schema: WorkspaceSettings },
    handler: async (c, { body }) => {
      await setWorkspaceTimeZone(c.var.deps.db, body.timeZone);
      await audit(c, 'workspace.update', { type: 'workspace', id: 'default' }, { timeZone: body.timeZone });
      return c.json({ timeZone: body.timeZone });
    },
  }),
  route({
    method: 'GET', path: '/api/journeys/:id/schedule/preview', role: 'viewer', tag: 'journeys',
    summary: "The next entries of the draft's schedule or date-trait trigger for a customer, and who the live version enters next",
    params: IdParams, query: PreviewQuery, ok: { status: 200, schema: SchedulePreviewAnswer },
    handler: async (c, { params, query }) => c.json(await schedulePreview(c.var.deps.db, params.id, query.customerId, new Date())),
  }),
];
