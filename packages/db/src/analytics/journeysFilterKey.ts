/**
 * The filter key a segment/channel filter reads (migration 0030): '*' for everyone, 'c:<channel>', 's:<segment>', or
 * 's:<segment>|c:<channel>' for both. Triggers keep every journey, experiment and survey fact of a customer under
 * each key the customer falls in, so a filtered figure reads one key's rows instead of probing the filter per row.
 */
export function filterKeyOf(filter: { segmentId: string | null; channel: string | null }): string {
  if (filter.segmentId !== null && filter.channel !== null) return `s:${filter.segmentId}|c:${filter.channel}`;
  if (filter.segmentId !== null) return `s:${filter.segmentId}`;
  if (filter.channel !== null) return `c:${filter.channel}`;
  return '*';
}

/** The key of one segment's customers, narrowed to a channel when one is set (the survey breakdown by segment). */
export function segmentFilterKey(segmentId: string, channel: string | null): string {
  return filterKeyOf({ segmentId, channel });
}
