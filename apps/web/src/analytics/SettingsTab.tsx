import type { AnalyticsParams } from './analyticsParams';

/** The Settings tab of the Analytics area. */
export function SettingsTab({ params }: { params: AnalyticsParams }) {
  void params;
  return <p className="hint">Settings figures are on their way.</p>;
}
