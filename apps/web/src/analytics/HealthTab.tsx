import type { AnalyticsParams } from './analyticsParams';

/** The Health tab of the Analytics area. */
export function HealthTab({ params }: { params: AnalyticsParams }) {
  void params;
  return <p className="hint">Health figures are on their way.</p>;
}
