import type { AnalyticsParams } from './analyticsParams';
import { ClvFigure } from './value/ClvFigure';
import { PredictedClvFigure } from './value/PredictedClvFigure';
import { RevenueFigure } from './value/RevenueFigure';

/** The Value tab: revenue over time and ARPU, historical CLV per group, predicted CLV with its inputs. */
export function ValueTab({ params }: { params: AnalyticsParams }) {
  return (
    <>
      <RevenueFigure params={params} />
      <PredictedClvFigure params={params} />
      <ClvFigure params={params} />
    </>
  );
}
