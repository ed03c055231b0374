import { useJourney, useJourneyVersion } from '../api/journeys';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { StatusBadge } from '../components/StatusBadge';
import { LazyJourneyCanvas as JourneyCanvas } from '../canvas/LazyJourneyCanvas';
import { href } from '../router/href';
import { VersionList } from './VersionList';

/** One journey: its draft or a chosen published version, drawn read-only. */
export function JourneyPage({ journeyId, versionId }: { journeyId: string; versionId: string | null }) {
  const journey = useJourney(journeyId);
  const version = useJourneyVersion(journeyId, versionId);
  const back = { href: href.journeys(), label: 'Journeys' };
  if (journey.isPending) return <Loading what="the journey" />;
  if (!journey.data) return <ErrorBanner error={journey.error} />;
  const detail = journey.data;
  const shown = versionId === null ? detail.draft : version.data?.graph;
  const shownName = versionId === null ? 'draft' : version.data ? `version ${version.data.version}` : 'version';
  return (
    <>
      <PageHeader title={detail.name} back={back}>
        <StatusBadge status={detail.status} />
        {detail.lifecycleStage && <span className="tag">stage: {detail.lifecycleStage}</span>}
        <a className="button" href={href.runs({ journeyId })}>
          View runs
        </a>
      </PageHeader>
      <ErrorBanner error={journey.error ?? version.error} />
      <div className="journey-layout">
        <VersionList journey={detail} selected={versionId} />
        <section className="journey-view" aria-label={`Journey ${shownName}`}>
          <h2 className="view-title">
            Showing the {shownName} <span className="hint">read-only</span>
          </h2>
          {shown ? <JourneyCanvas graph={shown} label={`${detail.name}, ${shownName}`} /> : <Loading what={shownName} />}
        </section>
      </div>
    </>
  );
}
