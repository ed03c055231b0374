import type { Route } from '../routes/route';
import { experimentsAnalyticsRoutes } from './experimentsRoutes';
import { healthAnalyticsRoutes } from './healthRoutes';
import { journeysAnalyticsRoutes } from './journeysRoutes';
import { retentionAnalyticsRoutes } from './retentionRoutes';
import { setAsideRoutes } from './setAsideRoutes';
import { analyticsSettingsRoutes } from './settingsRoutes';
import { stagesAnalyticsRoutes } from './stagesRoutes';
import { surveysAnalyticsRoutes } from './surveysRoutes';
import { valueAnalyticsRoutes } from './valueRoutes';

/** Every route of the Analytics area. */
export const analyticsRoutes: Route[] = [
  ...analyticsSettingsRoutes,
  ...setAsideRoutes,
  ...stagesAnalyticsRoutes,
  ...retentionAnalyticsRoutes,
  ...valueAnalyticsRoutes,
  ...surveysAnalyticsRoutes,
  ...healthAnalyticsRoutes,
  ...journeysAnalyticsRoutes,
  ...experimentsAnalyticsRoutes,
];
