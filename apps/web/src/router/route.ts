import { ANALYTICS_TABS, readAnalyticsParams, type AnalyticsParams, type AnalyticsTab } from '../analytics/analyticsParams';

/** The pages of the app, as read from the URL hash. */
export type Route =
  | { page: 'journeys' }
  | { page: 'journey-new' }
  | { page: 'journey'; journeyId: string; versionId: string | null }
  | { page: 'runs'; journeyId: string; status: string }
  | { page: 'run'; workflowId: string }
  | { page: 'outbox'; messageId: string | null }
  | { page: 'templates' }
  | { page: 'template'; templateId: string | null }
  | { page: 'offers' }
  | { page: 'offer'; offerId: string }
  | { page: 'dashboard' }
  | { page: 'analytics'; tab: AnalyticsTab; params: AnalyticsParams }
  | { page: 'customers'; q: string; stage: string; segmentId: string }
  | { page: 'customer'; customerId: string }
  | { page: 'segments' }
  | { page: 'segment'; segmentId: string | null }
  | { page: 'stages' }
  | { page: 'setup'; token: string }
  | { page: 'account' }
  | { page: 'admin'; tab: AdminTab };

export type AdminTab = 'users' | 'tokens' | 'write-keys' | 'audit' | 'workspace' | 'outbound' | 'suppressions';
const adminTabs: AdminTab[] = ['users', 'tokens', 'write-keys', 'audit', 'workspace', 'outbound', 'suppressions'];

export type Section = 'journeys' | 'customers' | 'segments' | 'stages' | 'dashboard' | 'analytics' | 'runs' | 'outbox' | 'templates' | 'offers' | 'admin' | 'account';

/** Parses `#/journeys/j1?version=v2` and the like; anything unknown lands on the journeys list. */
export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [section, id] = parts;
  switch (section) {
    case 'journeys':
      if (id === 'new') return { page: 'journey-new' };
      return id ? { page: 'journey', journeyId: id, versionId: query.get('version') } : { page: 'journeys' };
    case 'runs':
      return id ? { page: 'run', workflowId: id } : { page: 'runs', journeyId: query.get('journey') ?? '', status: query.get('status') ?? '' };
    case 'outbox':
      return { page: 'outbox', messageId: id ?? null };
    case 'templates':
      return id ? { page: 'template', templateId: id === 'new' ? null : id } : { page: 'templates' };
    case 'offers':
      return id ? { page: 'offer', offerId: id } : { page: 'offers' };
    case 'dashboard':
      return { page: 'dashboard' };
    case 'analytics':
      return { page: 'analytics', tab: ANALYTICS_TABS.find((tab) => tab === id) ?? 'stages', params: readAnalyticsParams(query) };
    case 'customers':
      return id ? { page: 'customer', customerId: id } : { page: 'customers', q: query.get('q') ?? '', stage: query.get('stage') ?? '', segmentId: query.get('segment') ?? '' };
    case 'segments':
      return id ? { page: 'segment', segmentId: id === 'new' ? null : id } : { page: 'segments' };
    case 'settings':
      return { page: 'stages' };
    case 'setup':
      return { page: 'setup', token: id ?? '' };
    case 'account':
      return { page: 'account' };
    case 'admin':
      return { page: 'admin', tab: adminTabs.find((tab) => tab === id) ?? 'users' };
    default:
      return { page: 'journeys' };
  }
}

/** The nav section a route belongs to. */
export function sectionOf(route: Route): Section {
  switch (route.page) {
    case 'journeys':
    case 'journey':
    case 'journey-new':
      return 'journeys';
    case 'runs':
    case 'run':
      return 'runs';
    case 'outbox':
      return 'outbox';
    case 'templates':
    case 'template':
      return 'templates';
    case 'offers':
    case 'offer':
      return 'offers';
    case 'dashboard':
      return 'dashboard';
    case 'analytics':
      return 'analytics';
    case 'customers':
    case 'customer':
      return 'customers';
    case 'segments':
    case 'segment':
      return 'segments';
    case 'stages':
      return 'stages';
    case 'admin':
      return 'admin';
    case 'account':
    case 'setup':
      return 'account';
    default: {
      const unknownRoute: never = route;
      throw new Error(`unknown route ${JSON.stringify(unknownRoute)}`);
    }
  }
}
