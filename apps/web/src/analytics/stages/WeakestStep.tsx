import { formatPercent } from '../format';
import { Kpis } from '../Kpis';
import type { StageFunnel } from './stagesTypes';

const day = (iso: string) => iso.slice(0, 10);

/** The funnel step whose conversion fell most against the previous period of the same length, with both rates. */
export function WeakestStep({ funnel }: { funnel: StageFunnel }) {
  const weakest = funnel.weakestStep;
  const previousLastDay = new Date(Date.parse(funnel.previousRange.to) - 86_400_000).toISOString();
  const previous = `${day(funnel.previousRange.from)} – ${day(previousLastDay)}`;
  if (!weakest)
    return (
      <p className="hint" data-testid="weakest-step">
        No step converted worse than in the previous period ({previous}).
      </p>
    );
  return (
    <>
      <Kpis
        items={[
          { label: 'Weakest step', value: `${weakest.from} → ${weakest.to}`, testId: 'weakest-step' },
          { label: 'Conversion now', value: formatPercent(weakest.rate), testId: 'weakest-step-rate' },
          { label: 'Previous period', value: formatPercent(weakest.previousRate), testId: 'weakest-step-previous' },
          { label: 'Drop', value: `${(weakest.drop * 100).toFixed(1)} pts`, testId: 'weakest-step-drop' },
        ]}
      />
      <p className="hint">The step whose conversion fell most against the previous period ({previous}).</p>
    </>
  );
}
