import type { AnalyticsParams } from './analyticsParams';

/** The Retention tab of the Analytics area. */
export function RetentionTab({ params }: { params: AnalyticsParams }) {
  void params;
  return <p className="hint">Retention figures are on their way.</p>;
}
