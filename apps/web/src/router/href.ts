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
  account: () => '#/account',
  admin: (tab: AdminTab = 'users') => `#/admin/${tab}`,
};
