import type { AnalyticsParams } from './analyticsParams';

/** The Value tab of the Analytics area. */
export function ValueTab({ params }: { params: AnalyticsParams }) {
  void params;
  return <p className="hint">Value figures are on their way.</p>;
}
