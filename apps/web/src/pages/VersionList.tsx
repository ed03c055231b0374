import type { JourneyDetail } from '../api/journeys';
import { formatTime } from '../components/formatTime';
import { href } from '../router/href';

/** The draft and every published version of a journey, as links; the one shown is marked. */
export function VersionList({ journey, selected }: { journey: JourneyDetail; selected: string | null }) {
  return (
    <nav className="version-list" aria-label="Versions">
      <h2>Versions</h2>
      <ul>
        <li>
          <a href={href.journey(journey.id)} aria-current={selected === null ? 'page' : undefined}>
            <span className="version-name">Draft</span>
            <span className="version-meta">saved {formatTime(journey.updatedAt)} · edit</span>
          </a>
        </li>
        {journey.versions.map((version) => (
          <li key={version.id}>
            <a href={href.journey(journey.id, version.id)} aria-current={selected === version.id ? 'page' : undefined}>
              <span className="version-name">
                v{version.version}
                {version.id === journey.liveVersionId && <span className="badge badge-live">live</span>}
              </span>
              <span className="version-meta">published {formatTime(version.publishedAt)}</span>
            </a>
          </li>
        ))}
      </ul>
      {journey.versions.length === 0 && <p className="hint">Not published yet.</p>}
    </nav>
  );
}
