import type { Route } from '../routes/route';

/** The experiments figures of the Analytics area (JSON and CSV). */
export const experimentsAnalyticsRoutes: Route[] = [];
