/** The pages of the app, as read from the URL hash. */
export type Route =
  | { page: 'journeys' }
  | { page: 'journey'; journeyId: string; versionId: string | null }
  | { page: 'runs'; journeyId: string; status: string }
  | { page: 'run'; workflowId: string }
  | { page: 'outbox'; messageId: string | null }
  | { page: 'templates' };

export type Section = 'journeys' | 'runs' | 'outbox' | 'templates';

/** Parses `#/journeys/j1?version=v2` and the like; anything unknown lands on the journeys list. */
export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [section, id] = parts;
  switch (section) {
    case 'journeys':
      return id ? { page: 'journey', journeyId: id, versionId: query.get('version') } : { page: 'journeys' };
    case 'runs':
      return id ? { page: 'run', workflowId: id } : { page: 'runs', journeyId: query.get('journey') ?? '', status: query.get('status') ?? '' };
    case 'outbox':
      return { page: 'outbox', messageId: id ?? null };
    case 'templates':
      return { page: 'templates' };
    default:
      return { page: 'journeys' };
  }
}

/** The nav section a route belongs to. */
export function sectionOf(route: Route): Section {
  switch (route.page) {
    case 'journeys':
    case 'journey':
      return 'journeys';
    case 'runs':
    case 'run':
      return 'runs';
    case 'outbox':
      return 'outbox';
    case 'templates':
      return 'templates';
    default: {
      const unknownRoute: never = route;
      throw new Error(`unknown route ${JSON.stringify(unknownRoute)}`);
    }
  }
}
