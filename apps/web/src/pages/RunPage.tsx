import './monitor.css';
import { useMemo } from 'react';
import { useJourneyVersion } from '../api/journeys';
import { useRun } from '../api/runs';
import { userOf, useSession } from '../api/session';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { LazyJourneyCanvas as JourneyCanvas } from '../canvas/LazyJourneyCanvas';
import { SummaryNamesContext, type SummaryNames } from '../canvas/nodeSummary';
import { href } from '../router/href';
import { DeliveriesTable } from './DeliveriesTable';
import { OfferCodesTable } from './OfferCodesTable';
import { RunActions } from './RunActions';
import { RunFailures } from './RunFailures';
import { RunFacts } from './RunFacts';
import { RunTimeline } from './RunTimeline';
import { versionLabel } from './runNames';
import { runTrail } from './runTrail';

/** One customer's run: the version it runs, with its path highlighted, its steps and its emails, all by name. */
export function RunPage({ workflowId }: { workflowId: string }) {
  const detail = useRun(workflowId);
  const run = detail.data?.run;
  const version = useJourneyVersion(run?.journeyId ?? '', run ? run.versionId : null);
  const trail = useMemo(() => (detail.data ? runTrail(detail.data) : undefined), [detail.data]);
  const names = detail.data?.names;
  const graph = version.data?.graph;
  // The canvas cards name templates, offers and awaited emails from what this page already loaded.
  const summaryNames = useMemo(
    (): SummaryNames => ({
      templates: new Map(Object.entries(names?.templates ?? {})),
      offers: new Map(Object.entries(names?.offers ?? {})),
      nodes: new Map((graph?.nodes ?? []).map((node) => [node.id, node])),
    }),
    [names, graph],
  );
  const back = { href: href.runs(), label: 'Runs' };
  const isAdmin = userOf(useSession().data)?.role === 'admin';
  if (detail.isPending) return <Loading what="the run" />;
  if (!detail.data || !run) return <ErrorBanner error={detail.error} />;
  const title = (
    <>
      <span title={`Customer id: ${run.customerId}`}>{run.customerName}</span> in <span title={`Journey id: ${run.journeyId}`}>{run.journeyName}</span>
    </>
  );
  return (
    <>
      <PageHeader title={title} back={back}>
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
      <p className="muted small run-id">
        Run <code>{run.workflowId}</code>
      </p>
      <RunFacts run={run} />
      {isAdmin && <RunActions run={run} />}
      <RunFailures failures={detail.data.failures ?? []} />
      <section aria-labelledby="run-path">
        <h2 id="run-path">Path</h2>
        {version.data ? (
          <SummaryNamesContext value={summaryNames}>
            <JourneyCanvas graph={version.data.graph} trail={trail} label={`${run.journeyName}, ${versionLabel(run)}, with this run’s path`} />
          </SummaryNamesContext>
        ) : (
          !version.error && <Loading what="the journey version" />
        )}
      </section>
      <section aria-labelledby="run-steps">
        <h2 id="run-steps">Steps</h2>
        <RunTimeline steps={detail.data.steps} nodeNames={detail.data.names.nodes} />
      </section>
      <section aria-labelledby="run-deliveries">
        <h2 id="run-deliveries">Emails</h2>
        <DeliveriesTable deliveries={detail.data.deliveries} nodeNames={detail.data.names.nodes} />
      </section>
      <section aria-labelledby="run-offers">
        <h2 id="run-offers">Offer codes</h2>
        <OfferCodesTable codes={detail.data.offerCodes ?? []} nodeNames={detail.data.names.nodes} />
      </section>
    </>
  );
}
