import type { Route } from '../routes/route';

/** The retention figures of the Analytics area (JSON and CSV). */
export const retentionAnalyticsRoutes: Route[] = [];
