import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { bulkCancel, bulkCancelCount, type RunFilters } from '../api/runs';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorBanner } from '../components/ErrorBanner';

type Step = { kind: 'idle' } | { kind: 'confirm'; count: number } | { kind: 'done'; message: string };

/** Cancels every active run matching the filters: asks the API how many first, confirms in a dialog, then cancels exactly that many. */
export function BulkCancel({ filters }: { filters: RunFilters }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
      setStep({ kind: 'idle' });
    } finally {
      setBusy(false);
    }
  }
  const count = () => act(async () => setStep({ kind: 'confirm', count: (await bulkCancelCount(filters)).count }));
  const confirm = (expected: number) =>
    act(async () => {
      const result = await bulkCancel(filters, expected);
      setStep({ kind: 'done', message: `Cancel requested for ${result.requested + result.markedCancelled} of ${result.count} runs${result.failed ? ` (${result.failed} could not be cancelled)` : ''}.` });
      await queryClient.invalidateQueries({ predicate: (query) => ['runs', 'run-counts'].includes(String(query.queryKey[0])) });
    });
  return (
    <div className="bulk-cancel">
      <button type="button" className="button" disabled={busy} onClick={() => void count()}>
        Cancel matching runs…
      </button>
      {step.kind === 'confirm' && (
        <ConfirmDialog
          title={`Cancel ${step.count} active ${step.count === 1 ? 'run' : 'runs'}?`}
          confirmLabel={`Cancel ${step.count} runs`}
          cancelLabel="Keep them"
          busy={busy}
          confirmDisabled={step.count === 0}
          onConfirm={() => void confirm(step.count)}
          onCancel={() => setStep({ kind: 'idle' })}
        >
          <p>
            <strong data-testid="bulk-count">{step.count}</strong> active runs match these filters. Their customers leave the journey now and get nothing more
            from it; this cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      {step.kind === 'done' && <span role="status">{step.message}</span>}
      <ErrorBanner error={error} />
    </div>
  );
}
