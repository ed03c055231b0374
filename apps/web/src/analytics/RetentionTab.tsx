import type { AnalyticsParams } from './analyticsParams';
import { CohortFigure } from './retention/CohortFigure';
import { CustomerRetentionFigure } from './retention/CustomerRetentionFigure';
import { GrowthFigure } from './retention/GrowthFigure';

/** The Retention tab of the Analytics area: cohorts and curves, CRR and churn, the growth lens. */
export function RetentionTab({ params }: { params: AnalyticsParams }) {
  return (
    <>
      <CohortFigure params={params} />
      <CustomerRetentionFigure params={params} />
      <GrowthFigure params={params} />
    </>
  );
}
