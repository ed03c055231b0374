import { sourceLabels, useSuppressionOf } from '../api/suppressions';
import { formatTime } from '../components/formatTime';
import { href } from '../router/href';

/** In the profile's facts: when the customer's address is on the suppression list, since when and why. */
export function CustomerSuppression({ email }: { email: string | null }) {
  const lookup = useSuppressionOf(email);
  const suppression = lookup.data?.suppression;
  if (!suppression) return null;
  return (
    <>
      <dt>Address suppressed</dt>
      <dd>
        Since {formatTime(suppression.createdAt)} · {sourceLabels[suppression.source]}: {suppression.reason}{' '}
        <a href={href.admin('suppressions')}>Suppression list</a>
      </dd>
    </>
  );
}
