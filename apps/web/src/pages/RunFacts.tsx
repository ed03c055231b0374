import type { RunSummary } from '../api/runs';
import { formatTime } from '../components/formatTime';
import { StatusBadge } from '../components/StatusBadge';
import { href } from '../router/href';
import { RunFailureMark } from './RunFailureMark';

/** The run's key facts as a definition list. */
export function RunFacts({ run, journeyName }: { run: RunSummary; journeyName: string }) {
  return (
    <dl className="facts">
      <div>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={run.status} />
          <RunFailureMark failedSteps={run.failedSteps} />
        </dd>
      </div>
      <div>
        <dt>Journey</dt>
        <dd>
          <a href={href.journey(run.journeyId, run.versionId)}>
            {journeyName}
            {run.version != null && ` · v${run.version}`}
          </a>
        </dd>
      </div>
      <div>
        <dt>Current node</dt>
        <dd>{run.currentNodeId ? <code>{run.currentNodeId}</code> : '—'}</dd>
      </div>
      {run.waitingUntil && (
        <div>
          <dt>Waiting until</dt>
          <dd>{formatTime(run.waitingUntil, true)}</dd>
        </div>
      )}
      <div>
        <dt>Started</dt>
        <dd>{formatTime(run.startedAt, true)}</dd>
      </div>
      <div>
        <dt>Ended</dt>
        <dd>{formatTime(run.endedAt, true)}</dd>
      </div>
    </dl>
  );
}
