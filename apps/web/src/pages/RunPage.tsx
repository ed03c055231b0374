import './monitor.css';
import { useMemo } from 'react';
import { useJourneyVersion } from '../api/journeys';
import { useRun } from '../api/runs';
import { userOf, useSession } from '../api/session';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { LazyJourneyCanvas as JourneyCanvas } from '../canvas/LazyJourneyCanvas';
import { href } from '../router/href';
import { DeliveriesTable } from './DeliveriesTable';
import { OfferCodesTable } from './OfferCodesTable';
import { RunActions } from './RunActions';
import { RunFailures } from './RunFailures';
import { RunFacts } from './RunFacts';
import { RunTimeline } from './RunTimeline';
import { runTrail } from './runTrail';

/** One customer's run: the version it runs, with its path highlighted, its steps and its emails. */
export function RunPage({ workflowId }: { workflowId: string }) {
  const detail = useRun(workflowId);
  const run = detail.data?.run;
  const version = useJourneyVersion(run?.journeyId ?? '', run ? run.versionId : null);
  const trail = useMemo(() => (detail.data ? runTrail(detail.data) : undefined), [detail.data]);
  const back = { href: href.runs(), label: 'Runs' };
  const isAdmin = userOf(useSession().data)?.role === 'admin';
  if (detail.isPending) return <Loading what="the run" />;
  if (!detail.data || !run) return <ErrorBanner error={detail.error} />;
  const journeyName = run.journeyName ?? run.journeyId;
  return (
    <>
      <PageHeader title={`${run.customerId} in ${journeyName}`} back={back}>
        {detail.data.temporalUrl && (
          <a className="button" href={detail.data.temporalUrl} target="_blank" rel="noreferrer">
            Open in Temporal UI
          </a>
        )}
      </PageHeader>
      <ErrorBanner error={detail.error ?? version.error} />
      {run.error && (
        <div className="banner banner-error" role="alert">
          <strong>The run failed.</strong> {run.error}
        </div>
      )}
      {!run.error && (run.failedSteps ?? 0) > 0 && (
        <div className="banner banner-error" role="alert">
          <strong>{run.failedSteps === 1 ? 'A step failed.' : `${run.failedSteps} steps failed.`}</strong> The run went on without it: see the steps
          marked failed below.
        </div>
      )}
      <RunFacts run={run} journeyName={journeyName} />
      {isAdmin && <RunActions run={run} />}
      <RunFailures failures={detail.data.failures ?? []} />
      <section aria-labelledby="run-path">
        <h2 id="run-path">Path</h2>
        {version.data ? (
          <JourneyCanvas graph={version.data.graph} trail={trail} label={`Version ${version.data.version} with this run’s path`} />
        ) : (
          !version.error && <Loading what="the journey version" />
        )}
      </section>
      <section aria-labelledby="run-steps">
        <h2 id="run-steps">Steps</h2>
        <RunTimeline steps={detail.data.steps} />
      </section>
      <section aria-labelledby="run-deliveries">
        <h2 id="run-deliveries">Emails</h2>
        <DeliveriesTable deliveries={detail.data.deliveries} />
      </section>
      <section aria-labelledby="run-offers">
        <h2 id="run-offers">Offer codes</h2>
        <OfferCodesTable codes={detail.data.offerCodes ?? []} />
      </section>
    </>
  );
}
