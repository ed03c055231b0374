import './analytics.css';
import { PageHeader } from '../components/PageHeader';
import { href } from '../router/href';
import { navigate } from '../router/useRoute';
import type { AnalyticsParams, AnalyticsTab } from './analyticsParams';
import { RangeBar } from './RangeBar';
import { analyticsTabs } from './tabs';

/** The Analytics area: one tab per part of the lifecycle loop, the same filters for all, kept in the URL. */
export function AnalyticsPage({ tab, params }: { tab: AnalyticsTab; params: AnalyticsParams }) {
  const current = analyticsTabs.find((candidate) => candidate.id === tab) ?? analyticsTabs[0]!;
  const Component = current.Component;
  return (
    <div className="page analytics-page">
      <PageHeader title="Analytics" />
      <nav className="tabs" aria-label="Analytics">
        {analyticsTabs.map((candidate) => (
          <a key={candidate.id} className="tab" href={href.analytics(candidate.id, params)} aria-current={candidate.id === current.id ? 'page' : undefined}>
            {candidate.label}
          </a>
        ))}
      </nav>
      {current.filters !== false && <RangeBar params={params} onChange={(next) => navigate(href.analytics(current.id, next))} />}
      <Component params={params} />
    </div>
  );
}
