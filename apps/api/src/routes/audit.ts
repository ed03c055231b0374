import { AuditQuery, pageOfAudit } from '../services/audit';
import { route } from './route';
import { AuditPage } from '../responses/access';

/** The audit log, newest first. */
export const auditRoutes = [
  route({ method: 'GET', path: '/api/audit', role: 'admin', tag: 'audit', summary: 'Who changed what, newest first (paged)', query: AuditQuery, ok: { status: 200, schema: AuditPage }, handler: async (c, { query }) => c.json(await pageOfAudit(c.var.deps.db, query)) }),
];
