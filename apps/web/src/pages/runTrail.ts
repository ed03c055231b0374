import type { RunDetail } from '../api/runs';
import type { RunTrail } from '../canvas/buildFlow';

/** The nodes a run passed and the exits it took, read from its recorded steps. */
export function runTrail({ run, steps }: RunDetail): RunTrail {
  const inFlight = run.status === 'running' || run.status === 'waiting';
  return {
    visited: new Set(steps.map((step) => step.nodeId)),
    current: inFlight ? run.currentNodeId : null,
    taken: new Set(steps.filter((step) => step.exit).map((step) => `${step.nodeId}:${step.exit}`)),
  };
}
