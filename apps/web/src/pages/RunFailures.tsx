import type { RunFailure } from '../api/runs';
import { formatTime } from '../components/formatTime';
import { activityName } from './runNames';

/** Activity attempts that failed: open ones are still being retried by Temporal. */
export function RunFailures({ failures }: { failures: RunFailure[] }) {
  if (failures.length === 0) return null;
  return (
    <section aria-labelledby="run-failures">
      <h2 id="run-failures">Failed attempts</h2>
      <ul className="failure-list">
        {failures.map((failure) => (
          <li key={failure.activityId} className={failure.resolvedAt ? 'muted' : 'banner banner-error'}>
            <strong title={`Activity ${failure.activityType}, id ${failure.activityId}`}>{activityName(failure.activityType)}</strong>{' '}
            {failure.resolvedAt ? 'recovered' : 'retrying'} — {failure.error}
            <div className="small">
              failing since {formatTime(failure.firstFailedAt, true)}, last {formatTime(failure.lastFailedAt, true)}
              {failure.resolvedAt && `, succeeded ${formatTime(failure.resolvedAt, true)}`}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
