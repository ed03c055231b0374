import type { AnalyticsParams } from './analyticsParams';

/** The Acquisition tab of the Analytics area. */
export function AcquisitionTab({ params }: { params: AnalyticsParams }) {
  void params;
  return <p className="hint">Acquisition figures are on their way.</p>;
}
