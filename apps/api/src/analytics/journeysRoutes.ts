import type { Route } from '../routes/route';

/** The journeys figures of the Analytics area (JSON and CSV). */
export const journeysAnalyticsRoutes: Route[] = [];
