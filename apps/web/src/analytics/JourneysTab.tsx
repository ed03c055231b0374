import type { AnalyticsParams } from './analyticsParams';

/** The Journeys tab of the Analytics area. */
export function JourneysTab({ params }: { params: AnalyticsParams }) {
  void params;
  return <p className="hint">Journeys figures are on their way.</p>;
}
