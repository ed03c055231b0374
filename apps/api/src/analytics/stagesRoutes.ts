import type { Route } from '../routes/route';

/** The stages figures of the Analytics area (JSON and CSV). */
export const stagesAnalyticsRoutes: Route[] = [];
