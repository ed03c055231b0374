import { useQuery } from '@tanstack/react-query';
import { getJson, listFrom } from '../api/client';
import type { AnalyticsParams } from './analyticsParams';

/** The filters every figure takes: date range, interval, segment and acquisition channel. */
export function RangeBar({ params, onChange }: { params: AnalyticsParams; onChange: (next: AnalyticsParams) => void }) {
  const segments = useQuery({ queryKey: ['segments'], queryFn: () => getJson<unknown>('/api/segments').then((body) => listFrom<{ id: string; name: string }>(body, 'segments')) });
  const channels = useQuery({ queryKey: ['analytics', 'channels'], queryFn: () => getJson<{ channels: { channel: string; customers: number }[] }>('/api/analytics/channels') });
  const set = (patch: Partial<AnalyticsParams>) => onChange({ ...params, ...patch });
  return (
    <form className="range-bar" aria-label="Analytics filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        From
        <input type="date" value={params.from} max={params.to} onChange={(event) => event.target.value && set({ from: event.target.value })} />
      </label>
      <label>
        To
        <input type="date" value={params.to} min={params.from} onChange={(event) => event.target.value && set({ to: event.target.value })} />
      </label>
      <label>
        By
        <select value={params.interval} onChange={(event) => set({ interval: event.target.value as AnalyticsParams['interval'] })}>
          <option value="day">day</option>
          <option value="week">week</option>
          <option value="month">month</option>
        </select>
      </label>
      <label>
        Segment
        <select value={params.segment} onChange={(event) => set({ segment: event.target.value })}>
          <option value="">All customers</option>
          {(segments.data ?? []).map((segment) => (
            <option key={segment.id} value={segment.id}>
              {segment.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Channel
        <select value={params.channel} onChange={(event) => set({ channel: event.target.value })}>
          <option value="">Any channel</option>
          {(channels.data?.channels ?? []).map((option) => (
            <option key={option.channel} value={option.channel}>
              {option.channel} ({option.customers})
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
