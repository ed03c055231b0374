import { describeInZone, resolveZone, TriggerEntry, upcomingScheduleOccurrences, type CronNext } from '@lifecycle/journey';
import { useSchedulePreview, useWorkspaceSettings } from '../../api/entries';
import { useRoute } from '../../router/useRoute';

const COUNT = 5;
const noCron: CronNext = () => null;

/** The next entries of a cron schedule, read by the API (cron-parser) from the saved draft. */
function ServerPreview({ journeyId, cron }: { journeyId: string; cron: string }) {
  const preview = useSchedulePreview(journeyId, '', cron);
  if (preview.error) return <p className="hint">The next entries show once the draft is saved.</p>;
  if (!preview.data) return <p className="hint">Reading the schedule…</p>;
  if (preview.data.problem) return <p className="hint" role="alert">{preview.data.problem}</p>;
  return <EntryList items={preview.data.occurrences.map((item) => item.local)} zone={preview.data.zone ?? 'UTC'} />;
}

function EntryList({ items, zone }: { items: string[]; zone: string }) {
  if (items.length === 0) return <p className="hint">No further entries: the moment has passed.</p>;
  return (
    <>
      <p className="hint">For a customer in {zone}:</p>
      <ol className="next-entries">
        {items.map((item) => <li key={item}>{item}</li>)}
      </ol>
    </>
  );
}

/**
 * Under a schedule trigger's form: its next five entries, computed in the browser with the same code the API
 * schedules with (a customer without a `timezone` trait, so the workspace's zone unless the entry names one).
 * Cron expressions are read by the API. Date-trait entries depend on each customer's date: nothing to list.
 */
export function NextEntriesPreview({ entry }: { entry: unknown }) {
  const workspace = useWorkspaceSettings().data?.timeZone;
  const route = useRoute();
  const parsed = TriggerEntry.safeParse(entry);
  if (!parsed.success || parsed.data.kind !== 'schedule') return null;
  const schedule = parsed.data;
  const zone = resolveZone(schedule.zone, {}, workspace);
  let body;
  if (schedule.recurrence.every === 'cron') {
    body = route.page === 'journey' ? <ServerPreview journeyId={route.journeyId} cron={schedule.recurrence.cron} /> : <p className="hint">The next entries show once the journey is saved.</p>;
  } else {
    const occurrences = upcomingScheduleOccurrences(schedule, zone, Date.now(), noCron, COUNT);
    body = <EntryList items={occurrences.map((ms) => describeInZone(ms, zone))} zone={zone} />;
  }
  return (
    <section className="field" aria-label="Next entries">
      <h3>Next entries</h3>
      {body}
    </section>
  );
}
