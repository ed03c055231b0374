import type { InFlightPolicy } from '@lifecycle/journey';

export type InFlightPolicyPickerProps = {
  journeyId: string;
  /** The live version runs are on now (null before the first publish: nothing is in flight). */
  liveVersionId: string | null;
  value: InFlightPolicy;
  onChange: (policy: InFlightPolicy) => void;
};

/** What happens to runs in flight when this draft is published: keep their version (for now the only choice shown). */
export function InFlightPolicyPicker({ liveVersionId }: InFlightPolicyPickerProps) {
  if (liveVersionId === null) return null;
  return <p className="hint">Runs in flight keep the version they started on.</p>;
}
