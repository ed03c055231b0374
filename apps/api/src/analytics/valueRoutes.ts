import type { Route } from '../routes/route';

/** The value figures of the Analytics area (JSON and CSV). */
export const valueAnalyticsRoutes: Route[] = [];
