import './monitor.css';
import { useMemo } from 'react';
import { useDashboard, type Dashboard } from '../api/dashboard';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { StatusBadge } from '../components/StatusBadge';
import { href } from '../router/href';
import { HourlyChart } from './HourlyChart';

function Health({ data }: { data: Dashboard }) {
  const backlog = data.backlog;
  return (
    <dl className="facts" aria-label="Health">
      <div>
        <dt>Worker</dt>
        <dd data-testid="worker-health">
          <StatusBadge status={data.health.worker.status} />
        </dd>
      </div>
      <div>
        <dt>Temporal</dt>
        <dd data-testid="temporal-health">
          <StatusBadge status={data.health.temporal} />
        </dd>
      </div>
      <div>
        <dt>Queue backlog</dt>
        <dd data-testid="backlog">
          {backlog.temporal
            ? `${backlog.temporal.workflowTasks} workflow tasks, ${backlog.temporal.activityTasks} activity tasks (Temporal; ${backlog.temporal.pollers} pollers)`
            : `unknown from Temporal${backlog.error ? ` (${backlog.error})` : ''}`}
          <div className="muted small">{backlog.staleRunning} running runs not updated for 5 min</div>
        </dd>
      </div>
      <div>
        <dt>Events waiting for journeys</dt>
        <dd data-testid="dispatch-backlog">
          {data.dispatch.waiting === 0 || !data.dispatch.oldestReceivedAt
            ? 'None: every stored event reached its journeys'
            : `${data.dispatch.waiting.toLocaleString()} waiting, the oldest stored ${formatTime(data.dispatch.oldestReceivedAt, true)}`}
        </dd>
      </div>
      <div>
        <dt>Events not yet in analytics</dt>
        <dd data-testid="analytics-backlog">
          {data.analytics.pending === 0 || !data.analytics.oldestQueuedAt
            ? 'None: the figures count every stored event'
            : `${data.analytics.pending.toLocaleString()} being counted, the oldest stored ${formatTime(data.analytics.oldestQueuedAt, true)}`}
        </dd>
      </div>
    </dl>
  );
}

function Retrying({ data }: { data: Dashboard }) {
  if (data.retrying.length === 0) return <p className="hint">No activity is failing.</p>;
  return (
    <ul className="failure-list" data-testid="retrying">
      {data.retrying.map((failure) => (
        <li key={`${failure.workflowId}:${failure.activityId}`} className={failure.stuck ? 'banner banner-error' : 'banner'}>
          <a href={href.run(failure.workflowId)}>{failure.customerId ?? failure.workflowId}</a> — <strong>{failure.activityType}</strong> retrying
          {failure.stuck ? ' for more than 3 minutes' : ''}: {failure.error}
          <div className="small muted">since {formatTime(failure.firstFailedAt, true)}</div>
        </li>
      ))}
    </ul>
  );
}

/** What went wrong in one run: the error that ended it, or the steps that failed while it went on. */
function failureOf(run: Dashboard['failedRuns'][number]) {
  if (run.status === 'failed') return <>failed at <code>{run.currentNodeId ?? '?'}</code>: {run.error ?? 'no error recorded'}</>;
  const steps = run.failedSteps === 1 ? 'a step failed' : `${run.failedSteps} steps failed`;
  return <>{run.status}, but {steps} (see its steps)</>;
}

function FailedRuns({ data }: { data: Dashboard }) {
  if (data.failedRunCount === 0) return <p className="hint">No run failed in the last 24 hours.</p>;
  return (
    <>
      <p data-testid="failed-run-count">
        <strong>{data.failedRunCount}</strong> {data.failedRunCount === 1 ? 'run' : 'runs'} started in the last 24 hours failed or had a failed step
        {data.failedRunCount > data.failedRuns.length ? ` (newest ${data.failedRuns.length} below)` : ''}.
      </p>
      <ul className="failure-list">
        {data.failedRuns.map((run) => (
          <li key={run.workflowId} className="banner banner-error">
            <a href={href.run(run.workflowId)}>{run.customerId}</a> {failureOf(run)}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Runs and emails per hour. The series are memoised on the query's data, which TanStack Query keeps identical while
 * nothing changed: the 5 s refresh then leaves the charts (and an open tooltip) alone.
 */
function HourlyCharts({ data }: { data: Dashboard }) {
  const { runs, emails } = data;
  const runSeries = useMemo(
    () => [
      { name: 'started', values: runs.started, className: 'bar-started' },
      { name: 'completed', values: runs.completed, className: 'bar-completed' },
      { name: 'failed', values: runs.failed, className: 'bar-failed' },
    ],
    [runs],
  );
  const emailSeries = useMemo(
    () => [
      { name: 'sent', values: emails.sent, className: 'bar-sent' },
      { name: 'opened', values: emails.opened, className: 'bar-opened' },
      { name: 'clicked', values: emails.clicked, className: 'bar-clicked' },
    ],
    [emails],
  );
  return (
    <>
      <HourlyChart title="Runs per hour" unit="runs" hours={data.hours} series={runSeries} />
      <HourlyChart title="Emails per hour" unit="emails" hours={data.hours} series={emailSeries} />
    </>
  );
}

/** Operations at a glance: activity per hour, health, backlog, and what is failing now. */
export function DashboardPage() {
  const dashboard = useDashboard();
  if (dashboard.isPending) return <Loading what="the dashboard" />;
  const data = dashboard.data;
  return (
    <>
      <PageHeader title="Dashboard">
        <span className="hint">Refreshes every 5 s</span>
      </PageHeader>
      <ErrorBanner error={dashboard.error} />
      {data && (
        <>
          <Health data={data} />
          <section aria-labelledby="dash-failing">
            <h2 id="dash-failing">Retrying now</h2>
            <Retrying data={data} />
          </section>
          <section aria-labelledby="dash-failed">
            <h2 id="dash-failed">Failed runs</h2>
            <FailedRuns data={data} />
          </section>
          <HourlyCharts data={data} />
        </>
      )}
    </>
  );
}
