import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { AdminPage } from './admin/AdminPage';
import { unauthorizedEvent } from './api/client';
import { runStatuses, type RunFilters } from './api/runs';
import { userOf, useSession, type SessionUser } from './api/session';
import { AccountPage } from './auth/AccountPage';
import { SetupPage } from './auth/SetupPage';
import { SignInPage } from './auth/SignInPage';
import { ErrorBanner } from './components/ErrorBanner';
import { Loading } from './components/Loading';
import { Nav } from './components/Nav';
import { CustomerPage } from './customers/CustomerPage';
import { CustomersPage } from './customers/CustomersPage';
import { SegmentEditorPage } from './segments/SegmentEditorPage';
import { SegmentsPage } from './segments/SegmentsPage';
import { StagesPage } from './segments/StagesPage';
import { DashboardPage } from './pages/DashboardPage';
import { AnalyticsPage } from './analytics/AnalyticsPage';
import { JourneyPage } from './pages/JourneyPage';
import { JourneysPage } from './pages/JourneysPage';
import { NewJourneyPage } from './pages/NewJourneyPage';
import { OffersPage } from './pages/OffersPage';
import { OfferPage } from './pages/OfferPage';
import { OutboxPage } from './pages/OutboxPage';
import { RunPage } from './pages/RunPage';
import { RunsPage } from './pages/RunsPage';
import { TemplateEditorPage } from './pages/TemplateEditorPage';
import { TemplatesPage } from './pages/TemplatesPage';
import { sectionOf, type Route } from './router/route';
import { useRoute } from './router/useRoute';

function statusFilter(status: string): RunFilters['status'] {
  return runStatuses.find((known) => known === status) ?? '';
}

function Page({ route, user }: { route: Route; user: SessionUser }) {
  switch (route.page) {
    case 'journeys':
      return <JourneysPage />;
    case 'journey-new':
      return <NewJourneyPage />;
    case 'journey':
      return <JourneyPage key={`${route.journeyId}:${route.versionId ?? ''}`} journeyId={route.journeyId} versionId={route.versionId} />;
    case 'runs':
      return <RunsPage key={`${route.journeyId}:${route.status}`} filters={{ journeyId: route.journeyId, status: statusFilter(route.status) }} />;
    case 'run':
      return <RunPage key={route.workflowId} workflowId={route.workflowId} />;
    case 'outbox':
      return <OutboxPage messageId={route.messageId} />;
    case 'templates':
      return <TemplatesPage />;
    case 'template':
      return <TemplateEditorPage key={route.templateId ?? 'new'} templateId={route.templateId} />;
    case 'offers':
      return <OffersPage />;
    case 'offer':
      return <OfferPage offerId={route.offerId} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'analytics':
      return <AnalyticsPage tab={route.tab} params={route.params} />;
    case 'customers':
      return <CustomersPage key={`${route.stage}:${route.segmentId}:${route.q}`} initial={route} />;
    case 'customer':
      return <CustomerPage key={route.customerId} customerId={route.customerId} />;
    case 'segments':
      return <SegmentsPage />;
    case 'segment':
      return <SegmentEditorPage key={route.segmentId ?? 'new'} segmentId={route.segmentId} />;
    case 'stages':
      return <StagesPage />;
    case 'account':
    case 'setup':
      return <AccountPage user={user} />;
    case 'admin':
      return user.role === 'admin' ? <AdminPage tab={route.tab} /> : <ErrorBanner error={new Error('Only admins can open this page.')} />;
    default: {
      const unknownRoute: never = route;
      throw new Error(`unknown route ${JSON.stringify(unknownRoute)}`);
    }
  }
}

/** The app shell: sign-in when nobody is signed in; otherwise navigation on the left, the page of the current hash on the right. */
export function App() {
  const route = useRoute();
  const session = useSession();
  const queryClient = useQueryClient();
  useEffect(() => {
    // A 401 from any request means the session ended: ask who is signed in again (shows the sign-in page).
    const onUnauthorized = () => void queryClient.invalidateQueries({ queryKey: ['session'] });
    window.addEventListener(unauthorizedEvent, onUnauthorized);
    return () => window.removeEventListener(unauthorizedEvent, onUnauthorized);
  }, [queryClient]);
  if (session.isPending) return <Loading what="your session" />;
  if (!session.data) return <ErrorBanner error={session.error} />;
  const user = userOf(session.data);
  if (route.page === 'setup' && !user) return <SetupPage token={route.token} />;
  if (!user) return <SignInPage />;
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
      <Nav current={sectionOf(route)} user={user} open={session.data.kind === 'open'} />
      <main id="main" className="main" tabIndex={-1}>
        <Page route={route} user={user} />
      </main>
    </div>
  );
}
