import { analyticsSearch, type AnalyticsParams, type AnalyticsTab } from '../analytics/analyticsParams';
import type { AdminTab } from './route';

/** Links to each page; ids are URI-encoded because workflow ids contain slashes. */
export const href = {
  journeys: () => '#/journeys',
  newJourney: () => '#/journeys/new',
  journey: (journeyId: string, versionId?: string | null) =>
    `#/journeys/${encodeURIComponent(journeyId)}${versionId ? `?version=${encodeURIComponent(versionId)}` : ''}`,
  runs: (filters: { journeyId?: string; status?: string } = {}) => {
    const query = new URLSearchParams();
    if (filters.journeyId) query.set('journey', filters.journeyId);
    if (filters.status) query.set('status', filters.status);
    const search = query.toString();
    return `#/runs${search ? `?${search}` : ''}`;
  },
  run: (workflowId: string) => `#/runs/${encodeURIComponent(workflowId)}`,
  outbox: (messageId?: string) => `#/outbox${messageId ? `/${encodeURIComponent(messageId)}` : ''}`,
  templates: () => '#/templates',
  template: (templateId: string | null) => `#/templates/${templateId === null ? 'new' : encodeURIComponent(templateId)}`,
  offers: () => '#/offers',
  dashboard: () => '#/dashboard',
  analytics: (tab: AnalyticsTab = 'stages', params?: AnalyticsParams) => {
    const search = params ? analyticsSearch(params) : '';
    return `#/analytics/${tab}${search ? `?${search}` : ''}`;
  },
  customers: (filters: { segmentId?: string; stage?: string } = {}) => {
    const query = new URLSearchParams();
    if (filters.segmentId) query.set('segment', filters.segmentId);
    if (filters.stage) query.set('stage', filters.stage);
    const search = query.toString();
    return `#/customers${search ? `?${search}` : ''}`;
  },
  customer: (customerId: string) => `#/customers/${encodeURIComponent(customerId)}`,
  segments: () => '#/segments',
  segment: (segmentId: string | null) => `#/segments/${segmentId === null ? 'new' : encodeURIComponent(segmentId)}`,
  stages: () => '#/settings/stages',
  account: () => '#/account',
  admin: (tab: AdminTab = 'users') => `#/admin/${tab}`,
};
