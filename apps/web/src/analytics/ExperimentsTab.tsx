import type { AnalyticsParams } from './analyticsParams';

/** The Experiments tab of the Analytics area. */
export function ExperimentsTab({ params }: { params: AnalyticsParams }) {
  void params;
  return <p className="hint">Experiments figures are on their way.</p>;
}
