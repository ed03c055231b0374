import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api/client';
import type { AnalyticsParams } from './analyticsParams';
import { Figure } from './Figure';
import { Formula } from './Formula';
import { csvHref, useAnalytics } from './useAnalytics';
import { GlobalControl } from './experiments/GlobalControl';
import { SplitResults } from './experiments/SplitResults';
import type { ArmsAnswer, GlobalControlAnswer } from './experiments/types';

const ARMS = '/api/analytics/experiments/arms';
const GLOBAL_CONTROL = '/api/analytics/experiments/global-control';

/** The Experiments tab: random-split arms with a stated test, promotions, and the global control group. */
export function ExperimentsTab({ params }: { params: AnalyticsParams }) {
  const arms = useAnalytics<ArmsAnswer>(ARMS, params);
  const control = useAnalytics<GlobalControlAnswer>(GLOBAL_CONTROL, params);
  const settings = useQuery({ queryKey: ['analytics', 'settings'], queryFn: () => getJson<{ revenue: { baseCurrency: string } }>('/api/analytics/settings') });
  const currency = settings.data?.revenue.baseCurrency ?? 'USD';
  return (
    <>
      <Figure title="Random-split experiments" loading={arms.isPending} error={arms.error}>
        {arms.data && (
          <>
            {arms.data.splits.length === 0 && <p className="hint">No journey has a random split yet.</p>}
            {arms.data.splits.map((split) => (
              <SplitResults key={`${split.journeyId}/${split.nodeId}`} split={split} csv={csvHref(ARMS, params)} />
            ))}
            <Formula>
              Per arm: entered = runs that took the arm in the range; converted = those of them that reached the journey&apos;s goal;
              rate = converted ÷ entered. Lift = rate − the control arm&apos;s rate (the first arm&apos;s when there is no control),
              in percentage points, with its 95% interval; relative lift = lift ÷ the control&apos;s rate. Test: {arms.data.test}.
              A winner is named only when it is significant at 5% and every arm has at least{' '}
              {arms.data.splits[0]?.minEntries ?? 'the configured minimum of'} entries.
            </Formula>
            {arms.data.promotions.length > 0 && (
              <ul className="analytics-promotions" aria-label="Promotions">
                {arms.data.promotions.map((promotion) => (
                  <li key={`${promotion.journeyId}/${promotion.nodeId}`}>
                    {promotion.promotedAt.slice(0, 10)}: {promotion.note}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Figure>
      <Figure title="Global control group" loading={control.isPending} error={control.error}>
        {control.data && <GlobalControl answer={control.data} currency={currency} csv={csvHref(GLOBAL_CONTROL, params)} />}
      </Figure>
    </>
  );
}
