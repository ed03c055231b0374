import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../api/client';
import type { GlobalControlMembership } from './types';

function describe(membership: GlobalControlMembership): string {
  if (!membership.assigned) return 'not assigned (no control share set when last seen)';
  const share = membership.share === null ? '' : ` at a ${(membership.share * 100).toFixed(1)}% share`;
  const since = membership.assignedAt ? ` since ${membership.assignedAt.slice(0, 10)}` : '';
  if (!membership.inControl) return `treatment${share}${since}`;
  return `in the control group${share}${since}${membership.heldOut ? ': gets no lifecycle email' : ' (hold-out off: share is 0)'}`;
}

/** The customer profile's line saying whether they are held out of lifecycle messages, so the assignment is visible. */
export function GlobalControlFact({ customerId }: { customerId: string }) {
  const membership = useQuery({
    queryKey: ['global-control', customerId],
    queryFn: () => getJson<GlobalControlMembership>(`/api/analytics/experiments/membership/${encodeURIComponent(customerId)}`),
  });
  return (
    <>
      <dt>Global control</dt>
      <dd data-testid="global-control">{membership.data ? describe(membership.data) : '—'}</dd>
    </>
  );
}
