import type { Route } from '../routes/route';

/** The health figures of the Analytics area (JSON and CSV). */
export const healthAnalyticsRoutes: Route[] = [];
