import { lazy, Suspense, useState } from 'react';
import { useJourney, useJourneyVersion } from '../api/journeys';
import { ErrorBanner } from '../components/ErrorBanner';
import { JourneyOperations } from '../journeys/JourneyOperations';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { StatusBadge } from '../components/StatusBadge';
import { href } from '../router/href';
import { VersionList } from './VersionList';

// React Flow and the editor are most of the bundle; load them when a journey is opened.
const EditorPage = lazy(async () => ({ default: (await import('../editor/EditorPage')).EditorPage }));
const VersionView = lazy(async () => ({ default: (await import('../editor/VersionView')).VersionView }));

/** One journey: its draft in the editor, or a published version read-only with live node counts. */
export function JourneyPage({ journeyId, versionId }: { journeyId: string; versionId: string | null }) {
  const journey = useJourney(journeyId);
  const version = useJourneyVersion(journeyId, versionId);
  // Bumped to open the editor afresh on the server's draft (after "Reload theirs").
  const [editorGeneration, setEditorGeneration] = useState(0);
  const reloadEditor = async () => {
    await journey.refetch();
    setEditorGeneration((generation) => generation + 1);
  };
  if (journey.isPending) return <Loading what="the journey" />;
  if (!journey.data) return <ErrorBanner error={journey.error} />;
  const detail = journey.data;
  if (versionId === null) {
    return (
      <Suspense fallback={<Loading what="the editor" />}>
        <JourneyOperations journeyId={detail.id} name={detail.name} liveVersionId={detail.liveVersionId} />
        <EditorPage key={`${detail.id}:${editorGeneration}`} journey={detail} onReload={() => void reloadEditor()} />
      </Suspense>
    );
  }
  const shownName = version.data ? `version ${version.data.version}` : 'version';
  return (
    <>
      <PageHeader title={detail.name} back={{ href: href.journey(journeyId), label: 'Edit draft' }}>
        <StatusBadge status={detail.status} />
        {detail.lifecycleStage && <span className="tag">stage: {detail.lifecycleStage}</span>}
        <a className="button" href={href.runs({ journeyId })}>
          View runs
        </a>
      </PageHeader>
      <JourneyOperations journeyId={detail.id} name={detail.name} liveVersionId={detail.liveVersionId} />
      <ErrorBanner error={version.error} />
      <div className="journey-layout">
        <VersionList journey={detail} selected={versionId} />
        <section className="journey-view" aria-label={`Journey ${shownName}`}>
          <h2 className="view-title">
            Showing {shownName} <span className="hint">read-only · counts refresh every 3 s</span>
          </h2>
          {version.data ? (
            <Suspense fallback={<Loading what="the canvas" />}>
              <VersionView key={versionId} journeyId={journeyId} versionId={versionId} graph={version.data.graph} />
            </Suspense>
          ) : (
            <Loading what={shownName} />
          )}
        </section>
      </div>
    </>
  );
}
