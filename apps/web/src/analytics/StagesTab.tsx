import type { AnalyticsParams } from './analyticsParams';
import { CurrentStagesFigure } from './stages/CurrentStagesFigure';
import { StageFunnelFigure } from './stages/StageFunnelFigure';
import { StagesOverTimeFigure } from './stages/StagesOverTimeFigure';
import { TimeInStageFigure } from './stages/TimeInStageFigure';
import { TransitionsFigure } from './stages/TransitionsFigure';

/** The Stages tab of the Analytics area: where customers are, how they move, how long they stay. */
export function StagesTab({ params }: { params: AnalyticsParams }) {
  return (
    <>
      <CurrentStagesFigure params={params} />
      <StagesOverTimeFigure params={params} />
      <StageFunnelFigure params={params} />
      <TransitionsFigure params={params} />
      <TimeInStageFigure params={params} />
    </>
  );
}
