import { useState } from 'react';
import { useRunAction, type RunAction, type RunSummary } from '../api/runs';
import { href } from '../router/href';

const labels: Record<RunAction, { button: string; question: string; confirm: string }> = {
  cancel: { button: 'Cancel run', question: 'Cancel this run? The customer leaves the journey now.', confirm: 'Yes, cancel the run' },
  'skip-wait': { button: 'Send on now', question: 'End the wait now and send the run on to its next step?', confirm: 'Yes, send it on' },
  retry: { button: 'Retry failed step', question: 'Start a new run of this version for the customer at the step that failed?', confirm: 'Yes, retry' },
};

/** One action with a confirmation step; shows what happened or why the API refused. */
function ActionButton({ action, workflowId }: { action: RunAction; workflowId: string }) {
  const [asking, setAsking] = useState(false);
  const mutation = useRunAction(action);
  const text = labels[action];
  return (
    <div className="run-action">
      {asking ? (
        <div role="alertdialog" aria-label={text.button} className="confirm-box">
          <span>{text.question}</span>
          <button
            type="button"
            className={`button ${action === 'cancel' ? 'button-danger' : 'button-primary'}`}
            disabled={mutation.isPending}
            onClick={() => mutation.mutate(workflowId, { onSettled: () => setAsking(false) })}
          >
            {text.confirm}
          </button>
          <button type="button" className="button" onClick={() => setAsking(false)}>
            Never mind
          </button>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setAsking(true)}>
          {text.button}
        </button>
      )}
      {mutation.error && (
        <span role="alert" className="error-text">
          {mutation.error.message}
        </span>
      )}
      {mutation.data?.retryWorkflowId && (
        <span role="status">
          Retry started: <a href={href.run(mutation.data.retryWorkflowId)}>open the new run</a>
        </span>
      )}
      {mutation.isSuccess && !mutation.data?.retryWorkflowId && <span role="status">Done: {mutation.data?.result?.replace(/_/g, ' ')}</span>}
    </div>
  );
}

/** What an admin can do to this run now: cancel an active one, send a waiting one on, retry a failed one. */
export function RunActions({ run }: { run: RunSummary }) {
  const active = run.status === 'running' || run.status === 'waiting';
  if (!active && run.status !== 'failed') return null;
  return (
    <div className="run-actions" aria-label="Run actions" role="group">
      {active && <ActionButton action="cancel" workflowId={run.workflowId} />}
      {run.status === 'waiting' && <ActionButton action="skip-wait" workflowId={run.workflowId} />}
      {run.status === 'failed' && <ActionButton action="retry" workflowId={run.workflowId} />}
    </div>
  );
}
