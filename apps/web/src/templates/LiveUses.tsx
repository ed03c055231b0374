import { href } from '../router/href';
import type { LiveUse, TemplateHistory } from './historyApi';

function sends(use: LiveUse, current: number | null): string {
  if (use.revision === null) return 'sends the current template: published before templates were pinned';
  return use.revision === current ? `sends revision ${use.revision}, the current one` : `sends revision ${use.revision}`;
}

/**
 * Which live journeys send this template and which revision each pinned when it was published: a published version
 * keeps sending what it was published with, so saving here changes nothing they send until each is published again.
 */
export function LiveUses({ history }: { history: TemplateHistory }) {
  const { liveUses, current } = history;
  if (liveUses.length === 0) return <p className="hint template-live-uses">No live journey sends this template: saving changes no email on its way.</p>;
  return (
    <section className="banner banner-info template-live-uses" aria-labelledby="live-uses-heading">
      <h2 id="live-uses-heading">Used by live journeys</h2>
      <ul>
        {liveUses.map((use) => (
          <li key={use.versionId}>
            <a href={href.journey(use.journeyId)}>{use.journeyName} v{use.version}</a> ({sends(use, current)})
          </li>
        ))}
      </ul>
      <p>Your edits reach them when each is published again. Test sends and previews use what is in the editor.</p>
    </section>
  );
}
