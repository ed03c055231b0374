import { useRun, type RunSummary } from '../api/runs';
import { formatTime } from '../components/formatTime';
import { StatusBadge } from '../components/StatusBadge';
import { href } from '../router/href';
import { RunFailureMark } from './RunFailureMark';
import { versionLabel } from './runNames';
import { describeWaitMoment, waitMomentOf } from './waitMoment';

/** The run's key facts as a definition list: names shown, ids on hover and in the run id line. */
export function RunFacts({ run }: { run: RunSummary }) {
  // The run page has loaded this run already: the same query reads the open wait step's moment and zone from its cache.
  const openWait = useRun(run.workflowId).data?.steps.find((step) => step.leftAt === null && step.nodeType === 'wait');
  const moment = run.waitingUntil ? waitMomentOf(openWait?.detail) : null;
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
        <dt>Customer</dt>
        <dd>
          <a href={href.customer(run.customerId)} title={`Customer id: ${run.customerId}`}>
            {run.customerName}
          </a>
        </dd>
      </div>
      <div>
        <dt>Journey</dt>
        <dd>
          <a href={href.journey(run.journeyId, run.versionId)} title={`Journey id: ${run.journeyId}`}>
            {run.journeyName}
          </a>
        </dd>
      </div>
      <div>
        <dt>Version</dt>
        <dd title={`Version id: ${run.versionId}`}>{versionLabel(run)}</dd>
      </div>
      <div>
        <dt>Current step</dt>
        <dd title={run.currentNodeId ? `Node id: ${run.currentNodeId}` : undefined}>{run.currentNodeName ?? '—'}</dd>
      </div>
      {run.waitingUntil && (
        <div>
          <dt>Waiting until</dt>
          <dd>
            {moment ? describeWaitMoment(moment) : formatTime(run.waitingUntil, true)}
            {moment && Math.abs(Date.parse(run.waitingUntil) - moment.untilMs) > 1_000 && (
              <span className="muted small"> (this run’s time is scaled: it wakes at {formatTime(run.waitingUntil, true)})</span>
            )}
          </dd>
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
