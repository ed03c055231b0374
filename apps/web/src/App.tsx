import { Nav } from './components/Nav';
import { JourneyPage } from './pages/JourneyPage';
import { JourneysPage } from './pages/JourneysPage';
import { OutboxPage } from './pages/OutboxPage';
import { RunPage } from './pages/RunPage';
import { RunsPage } from './pages/RunsPage';
import { TemplatesPage } from './pages/TemplatesPage';
import { sectionOf, type Route } from './router/route';
import { useRoute } from './router/useRoute';
import { runStatuses, type RunFilters } from './api/runs';

function statusFilter(status: string): RunFilters['status'] {
  return runStatuses.find((known) => known === status) ?? '';
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'journeys':
      return <JourneysPage />;
    case 'journey':
      return <JourneyPage key={route.journeyId} journeyId={route.journeyId} versionId={route.versionId} />;
    case 'runs':
      return <RunsPage filters={{ journeyId: route.journeyId, status: statusFilter(route.status) }} />;
    case 'run':
      return <RunPage key={route.workflowId} workflowId={route.workflowId} />;
    case 'outbox':
      return <OutboxPage messageId={route.messageId} />;
    case 'templates':
      return <TemplatesPage />;
    default: {
      const unknownRoute: never = route;
      throw new Error(`unknown route ${JSON.stringify(unknownRoute)}`);
    }
  }
}

/** The app shell: navigation on the left, the page of the current hash on the right. */
export function App() {
  const route = useRoute();
  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // The hash is the router's; move focus without changing it.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <Nav current={sectionOf(route)} />
      <main id="main" className="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </div>
  );
}
