import { useState } from 'react';
import type { InFlightPolicy } from '@lifecycle/journey';
import { useQueryClient } from '@tanstack/react-query';
import { applyInFlight } from '../api/journeyOps';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { InFlightPolicyPicker } from '../editor/publish/InFlightPolicyPicker';

interface Props {
  journeyId: string;
  liveVersionId: string;
  count: number;
  onDone: (message: string) => void;
  onError: (error: unknown) => void;
}

/**
 * Runs still on versions older than the live one (kept at a publish, or not reached by one): move them to the live
 * version by a node mapping, with the dry run's counts, or end them.
 */
export function OlderVersionRuns({ journeyId, liveVersionId, count, onDone, onError }: Props) {
  const [open, setOpen] = useState(false);
  const [policy, setPolicy] = useState<InFlightPolicy>({ policy: 'migrate', mappings: [] });
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const apply = async () => {
    setBusy(true);
    try {
      const report = await applyInFlight(journeyId, policy);
      const did = report.policy === 'exit' ? 'ended' : 'sent to the live version';
      onDone(`${report.signalled} ${report.signalled === 1 ? 'run' : 'runs'} ${did}; ${report.kept} kept their version.${report.failed.length ? ` ${report.failed.length} could not be reached yet; apply again to reach them.` : ''}`);
      setOpen(false);
      await queryClient.invalidateQueries({ predicate: (query) => ['journey-operations', 'migration-plan', 'runs'].includes(String(query.queryKey[0])) });
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Runs on older versions ({count})…
      </button>
      {open && (
        <ConfirmDialog
          title="Move or end runs on older versions?"
          confirmLabel={policy.policy === 'exit' ? 'End these runs' : 'Move runs'}
          cancelLabel="Leave them"
          tone={policy.policy === 'exit' ? 'danger' : 'primary'}
          busy={busy}
          confirmDisabled={policy.policy === 'keep'}
          onConfirm={() => void apply()}
          onCancel={() => setOpen(false)}
        >
          <InFlightPolicyPicker journeyId={journeyId} liveVersionId={liveVersionId} value={policy} onChange={setPolicy} target="live" />
        </ConfirmDialog>
      )}
    </>
  );
}
