import type { AnalyticsParams } from './analyticsParams';
import { CacFigure } from './value/CacFigure';
import { SpendEditor } from './value/SpendEditor';

/** The Acquisition tab: CAC, CLV:CAC and payback per channel, and the spend they are computed from. */
export function AcquisitionTab({ params }: { params: AnalyticsParams }) {
  return (
    <>
      <CacFigure params={params} />
      <SpendEditor />
    </>
  );
}
