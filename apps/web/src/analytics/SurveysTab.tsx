import type { AnalyticsParams } from './analyticsParams';

/** The Surveys tab of the Analytics area. */
export function SurveysTab({ params }: { params: AnalyticsParams }) {
  void params;
  return <p className="hint">Surveys figures are on their way.</p>;
}
