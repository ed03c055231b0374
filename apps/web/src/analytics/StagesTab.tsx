import type { AnalyticsParams } from './analyticsParams';

/** The Stages tab of the Analytics area. */
export function StagesTab({ params }: { params: AnalyticsParams }) {
  void params;
  return <p className="hint">Stages figures are on their way.</p>;
}
