import type { Route } from '../routes/route';

/** The surveys figures of the Analytics area (JSON and CSV). */
export const surveysAnalyticsRoutes: Route[] = [];
