/**
 * A red mark beside a run's status when steps failed for good while the run went on (a send whose template was
 * gone): such a run can end `completed`, and must not look as if all went well.
 */
export function RunFailureMark({ failedSteps }: { failedSteps: number | undefined }) {
  if (!failedSteps) return null;
  return (
    <span className="badge badge-failed" data-testid="failed-steps" title="Steps whose side effect failed: see the run's steps">
      {failedSteps === 1 ? '1 step failed' : `${failedSteps} steps failed`}
    </span>
  );
}
