import { openApiDocument } from '../openapi';
import { apiTokenRoutes } from './apiTokens';
import { auditRoutes } from './audit';
import { builderRoutes } from './builder';
import { customerRoutes } from './customers';
import { healthRoutes } from './health';
import { ingestRoutes } from './ingest';
import { journeyRoutes } from './journeys';
import { lifecycleStageRoutes } from './lifecycleStages';
import { offerRoutes } from './offers';
import { outboxRoutes } from './outbox';
import { route, type Route } from './route';
import { runRoutes } from './runs';
import { segmentRoutes } from './segments';
import { runActionRoutes } from './runActions';
import { dashboardRoutes } from './dashboard';
import { metricsRoutes } from './metrics';
import { sessionRoutes } from './session';
import { sessionStatusRoutes } from './sessionStatus';
import { templateRoutes } from './templates';
import { trackingRoutes } from './tracking';
import { userRoutes } from './users';
import { writeKeyRoutes } from './writeKeys';
import { OpenApiDocument } from '../responses/meta';
import { analyticsRoutes } from '../analytics/routes';
import { simulatorRoutes } from '../simulator/routes';
import { entryRoutes } from '../entries/routes';
import { journeyBundleRoutes } from '../journeyBundles/routes';
import { journeyChangesRoutes } from '../journeyBundles/changesRoutes';
import { journeyOpsRoutes } from '../journeyOps/routes';
import { topicRoutes } from '../topics/routes';
import { outboundSettingsRoutes } from '../outboundSettings/routes';
import { sendPolicyRoutes } from '../governance/routes';
import { suppressionRoutes } from '../suppressions/routes';

const openApiRoutes = [
  route({
    method: 'GET', path: '/openapi.json', role: 'public', tag: 'meta', summary: 'This OpenAPI 3.1 document', ok: { status: 200, schema: OpenApiDocument },
    handler: (c) => c.json(openApiDocument(routeTable, c.var.deps.config.publicUrl)),
  }),
];

/** Every route of the API, in one place: the router, the role check, the OpenAPI document and the role-matrix test read it. */
export const routeTable: readonly Route[] = [
  ...healthRoutes,
  ...openApiRoutes,
  ...sessionRoutes,
  ...sessionStatusRoutes,
  ...userRoutes,
  ...apiTokenRoutes,
  ...auditRoutes,
  ...ingestRoutes,
  ...journeyBundleRoutes,
  ...journeyChangesRoutes,
  ...journeyRoutes,
  ...journeyOpsRoutes,
  ...builderRoutes,
  ...templateRoutes,
  ...offerRoutes,
  ...writeKeyRoutes,
  ...customerRoutes,
  ...segmentRoutes,
  ...lifecycleStageRoutes,
  ...runRoutes,
  ...runActionRoutes,
  ...dashboardRoutes,
  ...metricsRoutes,
  ...outboxRoutes,
  ...trackingRoutes,
  ...analyticsRoutes,
  ...simulatorRoutes,
  ...entryRoutes,
  ...topicRoutes,
  ...outboundSettingsRoutes,
  ...sendPolicyRoutes,
  ...suppressionRoutes,
];
