import type { JourneyDetail } from '../api/journeys';
import { formatTime } from '../components/formatTime';
import { href } from '../router/href';

/** The published versions of a journey; each opens read-only with its live node counts. */
export function VersionMenu({ journey }: { journey: JourneyDetail }) {
  if (journey.versions.length === 0) return <span className="hint">Not published yet</span>;
  return (
    <details className="version-menu">
      <summary className="button">Versions ({journey.versions.length})</summary>
      <ul>
        {journey.versions.map((version) => (
          <li key={version.id}>
            <a href={href.journey(journey.id, version.id)}>
              v{version.version}
              {version.id === journey.liveVersionId && <span className="badge badge-live">live</span>} <span className="hint">{formatTime(version.publishedAt)}</span>
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
