import './publish.css';
import { useEffect, useState } from 'react';
import type { InFlightPolicy } from '@lifecycle/journey';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DiffSummary } from './DiffSummary';
import { InFlightPolicyPicker } from './InFlightPolicyPicker';
import { fetchChanges, type JourneyChanges } from './publishApi';

/**
 * Asks before publishing, showing what changed against the live version (the saved draft, as the API diffs it), and
 * what happens to runs in flight. Render it only while asking; `onConfirm` gets the chosen in-flight policy.
 */
export function PublishReviewDialog(props: { journeyId: string; busy: boolean; onConfirm: (inFlight: InFlightPolicy) => void; onCancel: () => void }) {
  const [changes, setChanges] = useState<JourneyChanges | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [inFlight, setInFlight] = useState<InFlightPolicy>({ policy: 'keep' });
  useEffect(() => {
    let current = true;
    fetchChanges(props.journeyId).then(
      (answer) => current && setChanges(answer),
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      current = false;
    };
  }, [props.journeyId]);
  const live = changes?.live ?? null;
  const title = changes === null ? 'Publish this journey?' : live ? `Publish version ${live.version + 1}?` : 'Publish the first version?';
  return (
    <div className="publish-review-holder">
      <ConfirmDialog title={title} confirmLabel="Publish" tone="primary" busy={props.busy} confirmDisabled={changes === null} onConfirm={() => props.onConfirm(inFlight)} onCancel={props.onCancel}>
        {error && <p role="alert">Could not load the changes: {error}</p>}
        {!changes && !error && <p role="status">Comparing the draft with the live version…</p>}
        {changes && !live && <p>First version: {changes.diff.added.length} steps.</p>}
        {changes && live && (
          <p>
            {changes.diff.count === 0
              ? `Nothing changed since live version ${live.version}: publishing makes an identical version.`
              : `${changes.diff.count} change${changes.diff.count === 1 ? '' : 's'} against live version ${live.version}:`}
          </p>
        )}
        {changes && live && changes.diff.count > 0 && <DiffSummary diff={changes.diff} />}
        {changes && <InFlightPolicyPicker journeyId={props.journeyId} liveVersionId={live?.versionId ?? null} value={inFlight} onChange={setInFlight} />}
      </ConfirmDialog>
    </div>
  );
}
